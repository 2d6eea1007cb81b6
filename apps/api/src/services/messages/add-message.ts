import { ticketMessages, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { isStaff, type ServiceContext } from "../../context.ts";
import { ConflictError, ForbiddenError } from "../../errors.ts";
import { loadTicket } from "../tickets/load-ticket.ts";

export const addMessageInput = z.object({
  body: z.string().trim().min(1).max(20_000),
  internal: z.boolean().default(false),
});

/**
 * Adds a reply or an internal note. The first public reply by staff is the first response (SLA) and
 * opens a `new` ticket; a customer's reply on a `pending` or `resolved` ticket reopens it.
 */
export async function addMessage(
  ctx: ServiceContext,
  ticketId: string,
  input: z.output<typeof addMessageInput>,
) {
  const staff = isStaff(ctx.actor);
  if (input.internal && !staff) throw new ForbiddenError("Only agents can write internal notes");
  return withTransaction(ctx, async (tx) => {
    const ticket = await loadTicket(tx, ticketId, { lock: true });
    if (ticket.status === "closed") throw new ConflictError("This ticket is closed; open a new one");
    const [message] = await tx.db
      .insert(ticketMessages)
      .values({
        organizationId: ticket.organizationId,
        ticketId: ticket.id,
        authorId: ctx.actor.id,
        body: input.body,
        internal: input.internal,
      })
      .returning();
    if (!message) throw new Error("message insert returned nothing");
    // The database's clock, like the ticket's own timestamps: the conversation orders by it.
    const now = message.createdAt;
    const changes: Partial<typeof tickets.$inferInsert> = { updatedAt: now };
    if (staff && !input.internal) {
      if (!ticket.firstResponseAt) changes.firstResponseAt = now;
      if (ticket.status === "new") changes.status = "open";
    }
    if (!staff && (ticket.status === "pending" || ticket.status === "resolved")) {
      Object.assign(changes, { status: "open", resolvedAt: null });
    }
    await tx.db.update(tickets).set(changes).where(eq(tickets.id, ticket.id));
    await tx.jobs.publish(tx, "ticket.event", {
      type: "message.added",
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      actorId: ctx.actor.id,
      messageId: message.id,
      occurredAt: now.toISOString(),
      eventId: Bun.randomUUIDv7(),
    });
    ctx.log.info({ ticketId: ticket.id, messageId: message.id, internal: message.internal }, "message added");
    return { ...message, author: { id: ctx.actor.id, name: ctx.actor.name, role: ctx.actor.role } };
  });
}
