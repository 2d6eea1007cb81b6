import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers, JobRun } from "@helpdesk/jobs/define";
import type { EmailContext } from "../services/email/email-context.ts";
import { waitForQuietTicket } from "../services/email/wait-for-quiet-ticket.ts";
import { fanOutTicketEvent } from "../services/notifications/fan-out-ticket-event.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketNotificationHandlers = (
  ctx: EmailContext,
): Pick<Handlers, "ticket.event" | "ticket.message-email-wait"> => ({
  "ticket.event": (event, run) => failPermanentlyIfGone(() => fanOutTicketEvent(withJobLog(ctx, run), event)),
  "ticket.message-email-wait": (target, run) => waitForQuietTicket(withJobLog(ctx, run), target, run),
});

/**
 * The context with the job's own logger, made only if something logs: these run for every ticket
 * event, which rarely logs, and a pino child per job costs CPU (bench/RESULTS.md).
 */
function withJobLog(ctx: EmailContext, run: JobRun): EmailContext {
  return {
    ...ctx,
    get log() {
      return run.log;
    },
  };
}
