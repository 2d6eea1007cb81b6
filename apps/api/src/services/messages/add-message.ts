import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { runPrepared } from "@helpdesk/db/prepared";
import { ticketMessages, tickets } from "@helpdesk/db/schema";
import { outboxInsertFromPlaceholders, outboxPlaceholderValues } from "@helpdesk/jobs/runtime";
import { and, eq, ne, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import { isStaff } from "../../auth/actor.ts";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError, ForbiddenError } from "../../lib/errors.ts";
import { syncTicketSla } from "../sla/sync-ticket-sla.ts";
import { loadTicket } from "../tickets/load-ticket.ts";
import { ticketEventEnvelope } from "../tickets/ticket-event.ts";

export const addMessageInput = z.object({
  body: z.string().trim().min(1).max(20_000),
  internal: z.boolean().default(false),
});

/**
 * Adds a reply or an internal note. The first public reply by staff is the first response (SLA) and
 * opens a `new` ticket; a customer's reply on a `pending` or `resolved` ticket reopens it.
 *
 * One statement does it all: update the ticket (which takes its row lock and checks the actor may
 * see it and that it is not closed), insert the message, write the outbox row. A statement is atomic
 * on its own, so no transaction is needed: this is the hottest write of the product, and a
 * transaction would take six round trips where this takes one. Only when nothing was written does
 * a second query say why.
 */
export async function addMessage(
  ctx: ServiceContext,
  requestedId: string,
  input: z.output<typeof addMessageInput>,
) {
  const { actor, db } = ctx;
  // As the database spells it: the event, and the e-mail deduplication ids derived from it, must
  // name the ticket the same way whatever case the URL used.
  const ticketId = requestedId.toLowerCase();
  const staff = isStaff(actor);
  if (input.internal && !staff) throw new ForbiddenError("Only agents can write internal notes");
  const messageId = Bun.randomUUIDv7();
  const event = ctx.jobs.outboxEntry("ticket.event", {
    ...ticketEventEnvelope(actor, ticketId),
    type: "message.added",
    messageId,
  });
  const variant = staff ? (input.internal ? "note" : "reply") : "customer_reply";
  const [row] = await runPrepared(db, `add_message_${variant}`, (db) => addMessageStatement(db, variant), {
    ticketId,
    organizationId: actor.organizationId,
    actorId: actor.id,
    messageId,
    body: input.body,
    internal: input.internal,
    ...outboxPlaceholderValues(event),
  });
  if (!row) {
    // Nothing written: a ticket the actor cannot see reads as missing (loadTicket throws), else it is closed.
    await loadTicket(ctx, ticketId);
    throw new ConflictError("This ticket is closed; open a new one");
  }
  ctx.jobs.published(ctx, event);
  if (row.slaPolicyId && !input.internal) await syncTicketSla(ctx, ticketId);
  ctx.log.info({ ticketId, messageId, internal: input.internal }, "message added");
  return {
    id: messageId,
    organizationId: actor.organizationId,
    ticketId,
    authorId: actor.id,
    body: input.body,
    internal: input.internal,
    createdAt: row.createdAt,
    author: { id: actor.id, name: actor.name, role: actor.role },
  };
}

type Variant = "reply" | "note" | "customer_reply";

/**
 * The statement, built once per variant and prepared (`runPrepared`): update the ticket (which
 * takes its row lock, and matches nothing if the actor may not see it or it is closed), insert the
 * message for the ticket it updated, and the event's outbox row for the message it inserted.
 */
function addMessageStatement(db: Executor, variant: Variant) {
  const p = (name: string) => sql.placeholder(name);
  const ticket = db.$with("ticket").as(
    db
      .update(tickets)
      .set(ticketChanges(variant))
      .where(
        and(
          eq(tickets.id, p("ticketId")),
          eq(tickets.organizationId, p("organizationId")),
          ne(tickets.status, "closed"),
          variant === "customer_reply" ? eq(tickets.customerId, p("actorId")) : undefined,
        ),
      )
      .returning({ id: tickets.id, slaPolicyId: tickets.slaPolicyId }),
  );
  const added = db.$with("added").as(
    db
      .insert(ticketMessages)
      .select(
        db
          .select(
            selectRow(ticketMessages, {
              id: p("messageId"),
              organizationId: p("organizationId"),
              ticketId: ticket.id,
              authorId: p("actorId"),
              body: p("body"),
              internal: p("internal"),
            }),
          )
          .from(ticket),
      )
      .returning({ createdAt: ticketMessages.createdAt }),
  );
  const published = db.$with("published").as(outboxInsertFromPlaceholders(db, added));
  return db
    .with(ticket, added, published)
    .select({ createdAt: added.createdAt, slaPolicyId: ticket.slaPolicyId })
    .from(added)
    .innerJoin(ticket, sql`true`);
}

/**
 * The ticket's columns a message changes, as SET clauses over the row's current values (so they
 * apply to the version the update locked). `now()` is the transaction's clock, which the message's
 * `created_at` also takes: the first response is exactly the reply's time.
 */
function ticketChanges(variant: Variant): PgUpdateSetSource<typeof tickets> {
  const now = sql`now()`;
  // A public message moves the SLA clocks of a ticket that has them: the sync follows.
  const slaDirty = sql`${tickets.slaDirty} or ${tickets.slaPolicyId} is not null`;
  if (variant === "reply") {
    return {
      updatedAt: now,
      slaDirty,
      firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, now())`,
      status: sql`case when ${tickets.status} = 'new' then 'open'::ticket_status else ${tickets.status} end`,
    };
  }
  if (variant === "customer_reply") {
    const waiting = sql`${tickets.status} in ('pending', 'resolved')`;
    return {
      updatedAt: now,
      slaDirty,
      resolvedAt: sql`case when ${waiting} then null else ${tickets.resolvedAt} end`,
      status: sql`case when ${waiting} then 'open'::ticket_status else ${tickets.status} end`,
    };
  }
  return { updatedAt: now };
}
