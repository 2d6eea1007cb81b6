import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { NotFoundError } from "../../lib/errors.ts";
import type { EmailContext } from "../email/email-context.ts";
import { loadFanOutFacts } from "./load-fan-out-facts.ts";
import { queueEmails } from "./queue-emails.ts";
import { mentionedStaff, recipientsOf } from "./recipients.ts";
import { recordNotification } from "./record-notification.ts";
import { toNotificationEvent } from "./to-notification-event.ts";

/**
 * Turns one ticket event into what each person should get: per recipient an in-app notification
 * (pushed over Socket.IO once recorded) and, if they want it, an e-mail job; and the live
 * ticket-list update for the organization's staff. The event's id makes a redelivered or
 * retried job harmless.
 */
export async function fanOutTicketEvent(ctx: EmailContext, event: TicketEventPayload) {
  const { eventId } = event;
  const facts = await loadFanOutFacts(ctx, event);
  if (!facts) throw new NotFoundError("Ticket");
  const { ticket, staff, message } = facts;

  const staffIds = new Set(staff.map((member) => member.id));
  const recipients = recipientsOf({
    type: event.type,
    actorId: event.actorId,
    // SLA events name the assignee as it was when the deadline passed.
    ticket:
      event.type.startsWith("sla.") && event.assigneeId !== undefined
        ? { ...ticket, assigneeId: event.assigneeId }
        : ticket,
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
    adminIds: staff.filter((member) => member.role === "admin").map((member) => member.id),
    escalationIds: (event.notifyUserIds ?? []).filter((id) => staffIds.has(id)),
  });

  const data = {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    actorId: event.actorId,
    ...(event.toStatus ? { toStatus: event.toStatus } : {}),
    ...(event.messageId ? { messageId: event.messageId } : {}),
    ...(event.target ? { target: event.target, dueAt: event.dueAt } : {}),
  };
  const recorded = await Promise.allSettled(
    recipients
      .filter((recipient) => recipient.inApp)
      .map((recipient) =>
        recordNotification(ctx, {
          organizationId: event.organizationId,
          userId: recipient.userId,
          ticketId: ticket.id,
          type: event.type,
          eventId,
          data,
        }),
      ),
  );
  // Pushed together, once every recipient's row is recorded: the emitter sends what is published
  // in one tick as one write (realtime/emitter.ts), and the API process gets it in one read. One
  // write per push costs every process on the path a wake-up per event (bench/RESULTS.md).
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
  if ((event.type === "sla.breached" || event.type === "sla.warning") && event.target && event.dueAt) {
    ctx.realtime.sla(
      event.type === "sla.breached" ? "sla:breached" : "sla:warning",
      recipients.filter((recipient) => recipient.inApp).map((recipient) => recipient.userId),
      {
        ticketId: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        target: event.target,
        dueAt: event.dueAt,
        ...(event.breachedAt ? { breachedAt: event.breachedAt } : {}),
      },
    );
  }
  let notified = 0;
  for (const outcome of recorded) {
    if (outcome.status === "fulfilled" && outcome.value) {
      const notification = outcome.value;
      ctx.realtime.notification(notification.userId, toNotificationEvent(notification));
      notified += 1;
    }
  }
  // A recipient whose row failed fails the job, after the others got theirs: on retry theirs are
  // no longer fresh (the event id is on their rows), so nobody is pushed the same event twice.
  const failed = recorded.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  const emailed = await queueEmails(ctx, event, eventId, recipients, facts.emailChoices);
  return { notified, emailed };
}
