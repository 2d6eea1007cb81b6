import { type Locale, type ReportExport, reportExports } from "@helpdesk/db/schema";
import type { Job } from "bullmq";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../lib/errors.ts";
import { deliverEmail } from "../email/deliver-email.ts";
import type { EmailContext } from "../email/email-context.ts";
import { links } from "../email/links.ts";
import { loadRecipient } from "../email/load-recipient.ts";
import { statusOf } from "./export-view.ts";

const typeNames: Record<Locale, Record<ReportExport["type"], string>> = {
  en: { tickets: "Tickets", sla_breaches: "SLA breaches", messages: "Messages" },
  fr: { tickets: "Tickets", sla_breaches: "Dépassements de SLA", messages: "Messages" },
};

/** "Tickets 2026-01-01 → 2026-01-31": what the export holds and its period (the last day included). */
function reportName(row: ReportExport, locale: Locale): string {
  const lastDay = new Date(new Date(row.params.to).getTime() - 1).toISOString().slice(0, 10);
  return `${typeNames[locale][row.type]} ${row.params.from.slice(0, 10)} → ${lastDay}`;
}

/**
 * Tells the requester their export is ready, with a link to its page in the web app rather than to
 * the file: the page asks the API for a fresh one-hour download link, so the e-mail holds no bearer
 * link that outlives the hour or the requester's membership. Nothing is sent for an export no
 * longer ready, or a requester no longer active.
 */
export async function sendExportReadyEmail(
  ctx: EmailContext,
  payload: { organizationId: string; exportId: string },
  job: Job,
) {
  const [row] = await ctx.db
    .select()
    .from(reportExports)
    .where(
      and(eq(reportExports.id, payload.exportId), eq(reportExports.organizationId, payload.organizationId)),
    );
  if (!row) throw new NotFoundError("Export");
  if (statusOf(row) !== "ready" || !row.expiresAt) return { skipped: "export is not ready" };
  const recipient = await loadRecipient(ctx, row.organizationId, row.requesterId);
  if (!recipient) return { skipped: "recipient is no longer an active member" };
  const appLinks = links(ctx.email.appUrl);
  return deliverEmail(ctx, {
    organizationId: row.organizationId,
    recipient,
    job,
    template: "report-ready",
    props: {
      recipientName: recipient.name,
      reportName: reportName(row, recipient.locale),
      exportUrl: appLinks.reportExport(row.id),
      expiresAt: row.expiresAt.toISOString(),
      preferencesUrl: appLinks.preferences(),
    },
  });
}
