import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { EmailContext } from "../services/email/email-context.ts";
import { waitForQuietTicket } from "../services/email/wait-for-quiet-ticket.ts";
import { fanOutBreaches } from "../services/notifications/fan-out-breaches.ts";
import { fanOutTicketEvent } from "../services/notifications/fan-out-ticket-event.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";
import { withJobLog } from "./job-log.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketNotificationHandlers = (
  ctx: EmailContext,
): Pick<Handlers, "ticket.event" | "sla.breaches" | "ticket.message-email-wait"> => ({
  "ticket.event": (event, run) => failPermanentlyIfGone(() => fanOutTicketEvent(withJobLog(ctx, run), event)),
  "sla.breaches": (batch, run) => fanOutBreaches(withJobLog(ctx, run), batch),
  "ticket.message-email-wait": (target, run) => waitForQuietTicket(withJobLog(ctx, run), target, run),
});
