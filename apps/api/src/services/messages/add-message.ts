import { sql } from "drizzle-orm";
import { z } from "zod";
import { isStaff } from "../../auth/actor.ts";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError, ForbiddenError } from "../../lib/errors.ts";
import { jsonbTimestamp } from "../../lib/jsonb-timestamp.ts";
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
 * on its own, so no transaction is needed: this is the hottest write of the product, and BEGIN,
 * a locking read, two inserts, an update and COMMIT were six round trips where this is one
 * (bench/realtime.ts). Only when nothing was written does a second query say why.
 */
export async function addMessage(
  ctx: ServiceContext,
  requestedId: string,
  input: z.output<typeof addMessageInput>,
) {
  const { actor } = ctx;
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
  const rows = await ctx.db.execute(sql`
    with ticket as (
      update tickets set ${ticketChanges(staff, input.internal)}
      where id = ${ticketId} and organization_id = ${actor.organizationId} and status <> 'closed'
        ${actor.role === "customer" ? sql`and customer_id = ${actor.id}` : sql``}
      returning id
    ), added as (
      insert into ticket_messages (id, organization_id, ticket_id, author_id, body, internal)
      select ${messageId}::uuid, ${actor.organizationId}::uuid, id, ${actor.id}::uuid, ${input.body}, ${input.internal}
      from ticket
      returning created_at
    ), published as (
      ${event.insert(sql`exists (select from added)`)}
    )
    select to_jsonb(created_at) as created_at from added`);
  const [added] = addedRow.parse(rows);
  if (!added) {
    // Nothing written: a ticket the actor cannot see reads as missing (loadTicket throws), else it is closed.
    await loadTicket(ctx, ticketId);
    throw new ConflictError("This ticket is closed; open a new one");
  }
  ctx.jobs.published(ctx, event);
  ctx.log.info({ ticketId, messageId, internal: input.internal }, "message added");
  return {
    id: messageId,
    organizationId: actor.organizationId,
    ticketId,
    authorId: actor.id,
    body: input.body,
    internal: input.internal,
    createdAt: added.created_at,
    author: { id: actor.id, name: actor.name, role: actor.role },
  };
}

/**
 * The ticket's columns a message changes, as SET clauses over the row's current values (so they
 * apply to the version the update locked). `now()` is the transaction's clock, which the message's
 * `created_at` also takes: the first response is exactly the reply's time.
 */
function ticketChanges(staff: boolean, internal: boolean) {
  if (staff && !internal) {
    return sql`updated_at = now(), first_response_at = coalesce(first_response_at, now()),
               status = case when status = 'new' then 'open'::ticket_status else status end`;
  }
  if (!staff) {
    return sql`updated_at = now(),
               resolved_at = case when status in ('pending', 'resolved') then null else resolved_at end,
               status = case when status in ('pending', 'resolved') then 'open'::ticket_status else status end`;
  }
  return sql`updated_at = now()`;
}

// A raw query's rows are untyped (the database type spans two drivers): the schema types them.
const addedRow = z.array(z.object({ created_at: jsonbTimestamp }));
