import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { WorkerContext } from "../context.ts";
import { waitForQuietTicket } from "../services/email/queue-message-email.ts";
import { fanOutTicketEvent } from "../services/notifications/fan-out-ticket-event.ts";
import { failPermanentlyIfGone } from "./permanent.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketNotificationHandlers = (
  ctx: WorkerContext,
): Pick<Handlers, "ticket.event" | "ticket.message-email-wait"> => ({
  "ticket.event": (event, { log }) => failPermanentlyIfGone(() => fanOutTicketEvent({ ...ctx, log }, event)),
  "ticket.message-email-wait": (target, run) => waitForQuietTicket({ ...ctx, log: run.log }, target, run),
});
