import { selectRow } from "@helpdesk/db/insert-select";
import { organizations, ticketMessages, ticketPriorities, tickets } from "@helpdesk/db/schema";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ForbiddenError, ValidationError } from "../../lib/errors.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { ticketEventEnvelope } from "./ticket-event.ts";

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  priority: z.enum(ticketPriorities).default("normal"),
  customerId: z.uuid().optional(),
});

/**
 * A customer opens a ticket for themself; staff open one on behalf of a customer of their organization.
 *
 * One statement, like a reply (services/messages/add-message.ts): bump the organization's ticket
 * counter (its row lock serializes numbering within the organization), insert the ticket and its
 * first message, write the outbox row. A statement is atomic on its own, so the ticket, its message
 * and its event are written together without a transaction's extra round trips.
 */
export async function createTicket(ctx: ServiceContext, input: z.output<typeof createTicketInput>) {
  const { actor, db } = ctx;
  const customerId = await resolveCustomer(ctx, input.customerId);
  const ticketId = Bun.randomUUIDv7();
  const event = ctx.jobs.outboxEntry("ticket.event", {
    ...ticketEventEnvelope(actor, ticketId),
    type: "ticket.created",
  });
  const counter = db.$with("counter").as(
    db
      .update(organizations)
      .set({ ticketCounter: sql`${organizations.ticketCounter} + 1` })
      .where(eq(organizations.id, actor.organizationId))
      .returning({ number: organizations.ticketCounter }),
  );
  const ticket = db.$with("ticket").as(
    db
      .insert(tickets)
      .select(
        db
          .select(
            selectRow(tickets, {
              id: ticketId,
              organizationId: actor.organizationId,
              number: counter.number,
              subject: input.subject,
              status: "new",
              priority: input.priority,
              customerId,
            }),
          )
          .from(counter),
      )
      .returning(),
  );
  const message = db.$with("message").as(
    db.insert(ticketMessages).select(
      db
        .select(
          selectRow(ticketMessages, {
            organizationId: actor.organizationId,
            ticketId: ticket.id,
            authorId: actor.id,
            body: input.body,
            createdAt: ticket.createdAt,
          }),
        )
        .from(ticket),
    ),
  );
  const published = db.$with("published").as(event.insertFrom(db, ticket));
  const [created] = await db.with(counter, ticket, message, published).select().from(ticket);
  if (!created) throw new Error("organization of the actor is missing");
  ctx.jobs.published(ctx, event);
  ctx.log.info({ ticketId, number: created.number }, "ticket created");
  return created;
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
