import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { WorkerContext } from "../context.ts";
import { fanOutTicketEvent } from "../services/notifications/fan-out-ticket-event.ts";
import { failPermanentlyIfGone } from "./permanent.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketNotificationHandlers = (ctx: WorkerContext): Pick<Handlers, "ticket.event"> => ({
  "ticket.event": (event, { log }) => failPermanentlyIfGone(() => fanOutTicketEvent({ ...ctx, log }, event)),
});
