import { organizations, ticketMessages, ticketPriorities, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context.ts";
import { ForbiddenError, ValidationError } from "../../errors.ts";
import { findActiveMember } from "../users/find-active-member.ts";

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  priority: z.enum(ticketPriorities).default("normal"),
  customerId: z.uuid().optional(),
});

/** A customer opens a ticket for themself; staff open one on behalf of a customer of their organization. */
export async function createTicket(ctx: ServiceContext, input: z.output<typeof createTicketInput>) {
  const customerId = await resolveCustomer(ctx, input.customerId);
  return withTransaction(ctx, async (tx) => {
    const { db } = tx;
    // Bumping the counter row also serializes ticket numbering within the organization.
    const [counter] = await db
      .update(organizations)
      .set({ ticketCounter: sql`${organizations.ticketCounter} + 1` })
      .where(eq(organizations.id, ctx.actor.organizationId))
      .returning({ number: organizations.ticketCounter });
    if (!counter) throw new Error("organization of the actor is missing");
    const [ticket] = await db
      .insert(tickets)
      .values({
        organizationId: ctx.actor.organizationId,
        number: counter.number,
        subject: input.subject,
        priority: input.priority,
        customerId,
      })
      .returning();
    if (!ticket) throw new Error("ticket insert returned nothing");
    await db.insert(ticketMessages).values({
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      authorId: ctx.actor.id,
      body: input.body,
      createdAt: ticket.createdAt,
    });
    await tx.jobs.publish(tx, "ticket.event", {
      type: "ticket.created",
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      actorId: ctx.actor.id,
      occurredAt: ticket.createdAt.toISOString(),
      eventId: Bun.randomUUIDv7(),
    });
    ctx.log.info({ ticketId: ticket.id, number: ticket.number }, "ticket created");
    return ticket;
  });
}

async function resolveCustomer(ctx: ServiceContext, customerId: string | undefined): Promise<string> {
  if (ctx.actor.role === "customer") {
    if (customerId && customerId !== ctx.actor.id)
      throw new ForbiddenError("Customers open tickets for themselves");
    return ctx.actor.id;
  }
  if (!customerId) {
    throw ValidationError.field("body", "customerId", "is required when staff open a ticket");
  }
  const customer = await findActiveMember(ctx, customerId, ["customer"]);
  if (!customer) {
    throw ValidationError.field("body", "customerId", "is not an active customer of this organization");
  }
  return customer.id;
}
