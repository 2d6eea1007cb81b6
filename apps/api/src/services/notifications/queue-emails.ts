import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import type { EmailContext } from "../email/email-context.ts";
import { queueMessageEmail } from "../email/queue-message-email.ts";
import { wantsEmail } from "./preferences.ts";
import type { Recipient } from "./recipients.ts";

/**
 * Enqueues the e-mails an event causes, for the recipients whose preferences want them
 * (`emailChoices`: their choice for this event type, by user id, where they made one).
 * - New messages are debounced per (ticket, recipient): the e-mail goes once the ticket has been
 *   quiet for `debounceMs`, but never later than `maxWaitMs` after the burst began
 *   (services/email/queue-message-email.ts). What the e-mail lists is decided when it is sent
 *   (everything new to the recipient), so fan-outs running out of order lose nothing.
 * - Everything else is e-mailed at once, under a job id derived from the event and recipient, so a
 *   redelivered fan-out never sends twice.
 */
export async function queueEmails(
  ctx: EmailContext,
  event: TicketEventPayload,
  eventId: string,
  recipients: readonly Recipient[],
  emailChoices: ReadonlyMap<string, boolean>,
): Promise<number> {
  const chosen = recipients.filter((r) =>
    wantsEmail(event.type, r.audience === "customer" ? "customer" : "agent", emailChoices.get(r.userId)),
  );
  for (const recipient of chosen) {
    if (event.type === "message.added") {
      await queueMessageEmail(
        ctx,
        { organizationId: event.organizationId, ticketId: event.ticketId, recipientId: recipient.userId },
        Date.parse(event.occurredAt),
      );
    } else {
      await ctx.jobs.enqueue(
        "email.notify",
        {
          organizationId: event.organizationId,
          recipientId: recipient.userId,
          kind: event.type,
          ticketId: event.ticketId,
          eventId,
          actorId: event.actorId,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          target: event.target,
          dueAt: event.dueAt,
        },
        // An SLA breach must not wait behind the day's notifications.
        {
          key: `notify-${eventId}-${recipient.userId}`,
          priority: event.type === "sla.breached" ? "critical" : undefined,
        },
      );
    }
  }
  return chosen.length;
}
