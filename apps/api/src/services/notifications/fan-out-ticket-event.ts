import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import type { WorkerContext } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import { loadFanOutFacts } from "./load-fan-out-facts.ts";
import { queueEmails } from "./queue-emails.ts";
import { mentionedStaff, recipientsOf } from "./recipients.ts";
import { recordNotification } from "./record-notification.ts";
import { toNotificationEvent } from "./to-notification-event.ts";

/**
 * Turns one ticket event into what each person should get: the live ticket-list update for the
 * organization's staff, then per recipient an in-app notification (pushed over Socket.IO as soon
 * as it is recorded) and, if they want it, an e-mail job. The event's id makes a redelivered or
 * retried job harmless.
 */
export async function fanOutTicketEvent(ctx: WorkerContext, event: TicketEventPayload) {
  const { eventId } = event;
  const facts = await loadFanOutFacts(ctx, event);
  if (!facts) throw new NotFoundError("Ticket");
  const { ticket, staff, message } = facts;
  ctx.realtime.ticketUpdated(event.organizationId, {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    customerId: ticket.customerId,
    updatedAt: ticket.updatedAt,
    eventType: event.type,
  });

  const staffIds = new Set(staff.map((member) => member.id));
  const recipients = recipientsOf({
    type: event.type,
    actorId: event.actorId,
    ticket,
    staffIds: [...staffIds],
    // A follower who has since been deactivated or demoted hears nothing.
    followerIds: facts.followers.filter((id) => staffIds.has(id)),
    message: message
      ? {
          authorId: message.authorId,
          internal: message.internal,
          mentionedIds: message.internal ? mentionedStaff(message.body, staff) : [],
        }
      : undefined,
    toStatus: event.toStatus,
    assigneeId: event.assigneeId,
  });

  const data = {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    actorId: event.actorId,
    ...(event.toStatus ? { toStatus: event.toStatus } : {}),
    ...(event.messageId ? { messageId: event.messageId } : {}),
  };
  const recorded = await Promise.all(
    recipients.map(async (recipient) => {
      if (!recipient.inApp) return false;
      const { notification, fresh } = await recordNotification(ctx, {
        organizationId: event.organizationId,
        userId: recipient.userId,
        ticketId: ticket.id,
        type: event.type,
        eventId,
        data,
      });
      if (fresh) ctx.realtime.notification(recipient.userId, toNotificationEvent(notification));
      return fresh;
    }),
  );
  const emailed = await queueEmails(ctx, event, eventId, recipients, facts.emailChoices);
  return { notified: recorded.filter(Boolean).length, emailed };
}
