import { type Ticket, ticketPriorities, ticketStatuses, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context.ts";
import { ConflictError, ForbiddenError, ValidationError } from "../../errors.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { loadTicket } from "./load-ticket.ts";
import { canTransition, statusTimestamps } from "./status-machine.ts";

export const updateTicketInput = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    /** null unassigns. */
    assigneeId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    error: "give at least one of status, priority, assigneeId",
  });

/** Changes status, priority or assignee; an unchanged value is a no-op, not an error. */
export async function updateTicket(
  ctx: ServiceContext,
  ticketId: string,
  input: z.output<typeof updateTicketInput>,
) {
  const asCustomer = ctx.actor.role === "customer";
  if (asCustomer && (input.priority !== undefined || input.assigneeId !== undefined)) {
    throw new ForbiddenError("Customers can only resolve or reopen their tickets");
  }
  if (input.assigneeId && !(await findActiveMember(ctx, input.assigneeId, ["agent", "admin"]))) {
    throw ValidationError.field("body", "assigneeId", "is not an active agent or admin of this organization");
  }
  return withTransaction(ctx, async (tx) => {
    const ticket = await loadTicket(tx, ticketId, { lock: true });
    if (ticket.status === "closed") throw new ConflictError("Closed tickets can't be changed");
    const changes: Partial<typeof tickets.$inferInsert> = {};
    if (input.status !== undefined && input.status !== ticket.status) {
      if (asCustomer && canTransition(ticket.status, input.status, false)) {
        if (!canTransition(ticket.status, input.status, true)) {
          throw new ForbiddenError("Customers can only resolve or reopen their tickets");
        }
      }
      if (!canTransition(ticket.status, input.status, asCustomer)) {
        throw new ConflictError(`A ${ticket.status} ticket can't become ${input.status}`, {
          from: ticket.status,
          to: input.status,
        });
      }
      Object.assign(changes, { status: input.status }, statusTimestamps(input.status, new Date()));
    }
    if (input.priority !== undefined && input.priority !== ticket.priority) changes.priority = input.priority;
    if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId)
      changes.assigneeId = input.assigneeId;
    if (Object.keys(changes).length === 0) return ticket;
    const [updated] = await tx.db.update(tickets).set(changes).where(eq(tickets.id, ticket.id)).returning();
    if (!updated) throw new Error(`ticket ${ticket.id} vanished under its row lock`);
    await publishChanges(tx, ticket, updated);
    ctx.log.info({ ticketId: ticket.id, changes: Object.keys(changes) }, "ticket updated");
    return updated;
  });
}

/** One event per kind of change, written in the same transaction as the change. */
async function publishChanges(ctx: ServiceContext, before: Ticket, after: Ticket) {
  const base = {
    organizationId: after.organizationId,
    ticketId: after.id,
    actorId: ctx.actor.id,
    occurredAt: after.updatedAt.toISOString(),
    eventId: Bun.randomUUIDv7(),
  };
  if (before.status !== after.status) {
    await ctx.jobs.publish(ctx, "ticket.event", {
      ...base,
      type: "ticket.status_changed",
      fromStatus: before.status,
      toStatus: after.status,
    });
  }
  if (before.assigneeId !== after.assigneeId && after.assigneeId) {
    await ctx.jobs.publish(ctx, "ticket.event", {
      ...base,
      type: "ticket.assigned",
      assigneeId: after.assigneeId,
    });
  }
}
