import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { runPrepared } from "@helpdesk/db/prepared";
import { organizations, slaPolicies, ticketMessages, ticketPriorities, tickets } from "@helpdesk/db/schema";
import { outboxInsertFromPlaceholders, outboxPlaceholderValues } from "@helpdesk/jobs/runtime";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ForbiddenError, ValidationError } from "../../lib/errors.ts";
import { withSla } from "../sla/sla-view.ts";
import { syncTicketSla } from "../sla/sync-ticket-sla.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { ticketEventEnvelope } from "./ticket-event.ts";

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  priority: z.enum(ticketPriorities).default("normal"),
  customerId: z.uuid().optional(),
  /** Staff: the SLA policy the ticket runs under; the organization's default when left out. */
  slaPolicyId: z.uuid().optional(),
});

/**
 * A customer opens a ticket for themself; staff open one on behalf of a customer of their organization.
 *
 * One statement, like a reply (services/messages/add-message.ts): bump the organization's ticket
 * counter (its row lock serializes numbering within the organization), insert the ticket and its
 * first message, write the outbox row. A statement is atomic on its own, so the ticket, its message
 * and its event are written together without a transaction's extra round trips. The ticket gets the
 * given SLA policy or the organization's default, and a ticket with one has its clocks and timers
 * set by the SLA sync right after (services/sla/sync-ticket-sla.ts).
 */
export async function createTicket(ctx: ServiceContext, input: z.output<typeof createTicketInput>) {
  const { actor, db } = ctx;
  const customerId = await resolveCustomer(ctx, input.customerId);
  if (input.slaPolicyId) await checkPolicy(ctx, input.slaPolicyId);
  const ticketId = Bun.randomUUIDv7();
  const event = ctx.jobs.outboxEntry("ticket.event", {
    ...ticketEventEnvelope(actor, ticketId),
    type: "ticket.created",
  });
  const [created] = await runPrepared(db, "create_ticket", createTicketStatement, {
    organizationId: actor.organizationId,
    ticketId,
    subject: input.subject,
    priority: input.priority,
    customerId,
    slaPolicyId: input.slaPolicyId ?? null,
    messageId: Bun.randomUUIDv7(),
    authorId: actor.id,
    body: input.body,
    ...outboxPlaceholderValues(event),
  });
  if (!created) throw new Error("organization of the actor is missing");
  ctx.jobs.published(ctx, event);
  if (created.slaPolicyId) await syncTicketSla(ctx, created.id);
  ctx.log.info({ ticketId, number: created.number }, "ticket created");
  const [answered] = await withSla(ctx, [created]);
  return answered ?? { ...created, sla: null };
}

/** The statement, built once and prepared (`runPrepared`); its placeholders are filled per ticket. */
function createTicketStatement(db: Executor) {
  const p = (name: string) => sql.placeholder(name);
  const policy = sql`coalesce(${p("slaPolicyId")}::uuid, (
    select ${slaPolicies.id} from ${slaPolicies}
    where ${slaPolicies.organizationId} = ${p("organizationId")}::uuid and ${slaPolicies.isDefault}
  ))`;
  const counter = db.$with("counter").as(
    db
      .update(organizations)
      .set({ ticketCounter: sql`${organizations.ticketCounter} + 1`, updatedAt: sql`now()` })
      .where(eq(organizations.id, p("organizationId")))
      .returning({ number: organizations.ticketCounter }),
  );
  const ticket = db.$with("ticket").as(
    db
      .insert(tickets)
      .select(
        db
          .select(
            selectRow(tickets, {
              id: p("ticketId"),
              organizationId: p("organizationId"),
              number: counter.number,
              subject: p("subject"),
              status: "new",
              priority: p("priority"),
              customerId: p("customerId"),
              slaPolicyId: policy,
              slaDirty: sql`(${policy} is not null)`,
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
            id: p("messageId"),
            organizationId: p("organizationId"),
            ticketId: ticket.id,
            authorId: p("authorId"),
            body: p("body"),
            createdAt: ticket.createdAt,
          }),
        )
        .from(ticket),
    ),
  );
  const published = db.$with("published").as(outboxInsertFromPlaceholders(db, ticket));
  return db.with(counter, ticket, message, published).select().from(ticket);
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

/** Staff may pick a policy of their organization; a customer can't choose their own service level. */
export async function checkPolicy(ctx: ServiceContext, policyId: string) {
  if (ctx.actor.role === "customer") throw new ForbiddenError("Only staff choose a ticket's SLA policy");
  const [policy] = await ctx.db
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(and(eq(slaPolicies.id, policyId), eq(slaPolicies.organizationId, ctx.actor.organizationId)));
  if (!policy)
    throw ValidationError.field("body", "slaPolicyId", "is not an SLA policy of this organization");
}
