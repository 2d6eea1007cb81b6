import type { Database } from "@helpdesk/db/client";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { EmailContext } from "../services/email/email-context.ts";
import { runExport } from "../services/exports/run-export.ts";
import { sendExportReadyEmail } from "../services/exports/send-export-ready-email.ts";
import type { ExportSettings } from "../storage/export-settings.ts";
import { withProviderErrors } from "./email.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";
import { withJobLog } from "./job-log.ts";

type Handlers = JobHandlers<ProductCatalog>;

/** The export's file (`reports` queue) and its e-mail (`email` queue, under the provider's limits). */
export const exportHandlers = (
  ctx: EmailContext & { db: Database; exports: ExportSettings },
): Pick<Handlers, "reports.export" | "email.export-ready"> => ({
  "reports.export": (payload, run) =>
    failPermanentlyIfGone(() =>
      runExport(withJobLog(ctx, run), payload, {
        attempt: run.job.attemptsStarted,
        signal: run.signal,
        lastAttempt: run.job.attemptsMade + 1 >= (run.job.opts.attempts ?? 1),
        reportProgress: (progress) => run.job.updateProgress(progress),
      }),
    ),
  "email.export-ready": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendExportReadyEmail({ ...ctx, log }, payload, job)),
});
