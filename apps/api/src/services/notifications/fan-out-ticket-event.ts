import { notifications, ticketMessages, tickets, users } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { and, arrayContains, eq, inArray } from "drizzle-orm";
import type { SystemContext } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import { mentionedStaff, recipientsOf } from "./recipients.ts";

/**
 * Turns one ticket event into an in-app notification per recipient. `eventId` (the outbox id)
 * makes a redelivered job a no-op for recipients it already reached.
 */
export async function fanOutTicketEvent(ctx: SystemContext, event: TicketEventPayload, eventId: string) {
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.id, event.ticketId), eq(tickets.organizationId, event.organizationId)),
  });
  if (!ticket) throw new NotFoundError("Ticket");
  const staff = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.organizationId, event.organizationId),
        eq(users.active, true),
        inArray(users.role, ["agent", "admin"]),
      ),
    );
  const message = event.messageId
    ? await ctx.db.query.ticketMessages.findFirst({ where: eq(ticketMessages.id, event.messageId) })
    : undefined;
  const recipients = recipientsOf({
    type: event.type,
    actorId: event.actorId,
    ticket,
    staffIds: staff.map((member) => member.id),
    followerIds: [],
    message: message && {
      authorId: message.authorId,
      internal: message.internal,
      mentionedIds: message.internal ? mentionedStaff(message.body, staff) : [],
    },
    toStatus: event.toStatus,
    assigneeId: event.assigneeId,
  });
  if (recipients.length === 0) return { notified: 0 };

  return withTransaction(ctx, async ({ db }) => {
    const reached = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          inArray(
            notifications.userId,
            recipients.map((recipient) => recipient.userId),
          ),
          arrayContains(notifications.eventIds, [eventId]),
        ),
      );
    const already = new Set(reached.map((row) => row.userId));
    const rows = recipients
      .filter((recipient) => !already.has(recipient.userId))
      .map((recipient) => ({
        organizationId: event.organizationId,
        userId: recipient.userId,
        ticketId: ticket.id,
        type: event.type,
        eventIds: [eventId],
        data: {
          ticketNumber: ticket.number,
          subject: ticket.subject,
          actorId: event.actorId,
          toStatus: event.toStatus,
        },
      }));
    if (rows.length > 0) await db.insert(notifications).values(rows);
    return { notified: rows.length };
  });
}
