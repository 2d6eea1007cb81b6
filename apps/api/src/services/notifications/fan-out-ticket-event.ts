import { ticketFollowers, ticketMessages, tickets, users } from "@helpdesk/db/schema";
import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { and, eq, inArray } from "drizzle-orm";
import type { WorkerContext } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
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
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.id, event.ticketId), eq(tickets.organizationId, event.organizationId)),
  });
  if (!ticket) throw new NotFoundError("Ticket");
  ctx.realtime.ticketUpdated(ticket.organizationId, {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId,
    customerId: ticket.customerId,
    updatedAt: ticket.updatedAt.toISOString(),
    eventType: event.type,
  });

  const [staff, followers, message] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.organizationId, ticket.organizationId),
          eq(users.active, true),
          inArray(users.role, ["agent", "admin"]),
        ),
      ),
    ctx.db
      .select({ userId: ticketFollowers.userId })
      .from(ticketFollowers)
      .where(eq(ticketFollowers.ticketId, ticket.id)),
    event.messageId
      ? ctx.db.query.ticketMessages.findFirst({
          where: and(eq(ticketMessages.id, event.messageId), eq(ticketMessages.ticketId, ticket.id)),
        })
      : Promise.resolve(undefined),
  ]);
  const staffIds = new Set(staff.map((member) => member.id));
  const recipients = recipientsOf({
    type: event.type,
    actorId: event.actorId,
    ticket,
    staffIds: [...staffIds],
    // A follower who has since been deactivated or demoted hears nothing.
    followerIds: followers.map((f) => f.userId).filter((id) => staffIds.has(id)),
    message: message && {
      authorId: message.authorId,
      internal: message.internal,
      mentionedIds: message.internal ? mentionedStaff(message.body, staff) : [],
    },
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
        organizationId: ticket.organizationId,
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
  const emailed = await queueEmails(ctx, event, eventId, recipients);
  return { notified: recorded.filter(Boolean).length, emailed };
}
