import { ticketPriorities } from "@helpdesk/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ForbiddenError, ValidationError } from "../../lib/errors.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { storedTicket } from "./stored-ticket.ts";
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
 * first message, write the outbox row. A statement is atomic on its own; BEGIN, four writes and
 * COMMIT were six round trips. The ticket answered is the row as stored (RETURNING).
 */
export async function createTicket(ctx: ServiceContext, input: z.output<typeof createTicketInput>) {
  const { actor } = ctx;
  const customerId = await resolveCustomer(ctx, input.customerId);
  const ticketId = Bun.randomUUIDv7();
  const event = ctx.jobs.outboxEntry("ticket.event", {
    ...ticketEventEnvelope(actor, ticketId),
    type: "ticket.created",
  });
  const rows = await ctx.db.execute(sql`
    with counter as (
      update organizations set ticket_counter = ticket_counter + 1, updated_at = now()
      where id = ${actor.organizationId}
      returning ticket_counter
    ), ticket as (
      insert into tickets (id, organization_id, number, subject, status, priority, customer_id)
      select ${ticketId}::uuid, ${actor.organizationId}::uuid, ticket_counter, ${input.subject}, 'new',
             ${input.priority}::ticket_priority, ${customerId}::uuid
      from counter
      returning *
    ), message as (
      insert into ticket_messages (id, organization_id, ticket_id, author_id, body, created_at)
      select ${Bun.randomUUIDv7()}::uuid, ${actor.organizationId}::uuid, ${ticketId}::uuid, ${actor.id}::uuid,
             ${input.body}, created_at
      from ticket
    ), published as (
      ${event.insert(sql`exists (select from ticket)`)}
    )
    select to_jsonb(ticket) as ticket from ticket`);
  // A raw query's rows are untyped (the database type spans two drivers): the schema types them.
  const [created] = z.array(z.object({ ticket: storedTicket })).parse(rows);
  if (!created) throw new Error("organization of the actor is missing");
  ctx.jobs.published(ctx, event);
  ctx.log.info({ ticketId, number: created.ticket.number }, "ticket created");
  return created.ticket;
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
