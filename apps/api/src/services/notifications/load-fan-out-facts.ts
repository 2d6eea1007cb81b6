import { ticketPriorities, ticketStatuses } from "@helpdesk/db/schema";
import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { SystemContext } from "../../context/service-context.ts";

/**
 * Everything the fan-out of one ticket event reads, in one query: the ticket, the organization's
 * active staff, the ticket's followers, the event's message, and the e-mail choices (for this event
 * type) of everyone who could be a recipient. As five queries they were a third of the statements
 * of a reply's whole path, each a round trip the database pays for (bench/realtime.ts).
 * Undefined when the ticket is gone (or not this organization's).
 */
export async function loadFanOutFacts(ctx: SystemContext, event: TicketEventPayload) {
  const rows = await ctx.db.execute(sql`
    with ticket as (
      select id, number, subject, status, priority, customer_id, assignee_id, updated_at
      from tickets
      where id = ${event.ticketId} and organization_id = ${event.organizationId}
    ), staff as (
      select id, name, email from users
      where organization_id = ${event.organizationId} and active and role in ('agent', 'admin')
    )
    select
      jsonb_build_object(
        'id', t.id, 'number', t.number, 'subject', t.subject, 'status', t.status,
        'priority', t.priority, 'customerId', t.customer_id, 'assigneeId', t.assignee_id,
        'updatedAt', t.updated_at
      ) as ticket,
      (select coalesce(jsonb_agg(staff), '[]') from staff) as staff,
      (select coalesce(jsonb_agg(user_id), '[]') from ticket_followers where ticket_id = t.id) as followers,
      (select jsonb_build_object('authorId', author_id, 'internal', internal, 'body', body)
         from ticket_messages where id = ${event.messageId ?? null}::uuid and ticket_id = t.id) as message,
      (select coalesce(jsonb_object_agg(user_id, email), '{}') from notification_preferences
         where type = ${event.type}
           and (user_id in (t.customer_id, t.assignee_id) or user_id in (select id from staff))
      ) as email_choices
    from ticket t`);
  // A raw query's rows are untyped (the database type spans two drivers): the schema types them.
  const [facts] = factsRows.parse(rows);
  return facts;
}

export type FanOutFacts = NonNullable<Awaited<ReturnType<typeof loadFanOutFacts>>>;

const factsRows = z.array(
  z
    .object({
      ticket: z.object({
        id: z.string(),
        number: z.number(),
        subject: z.string(),
        status: z.enum(ticketStatuses),
        priority: z.enum(ticketPriorities),
        customerId: z.string(),
        assigneeId: z.string().nullable(),
        // As `to_jsonb` spells a timestamp; sent on as the ISO form every other event uses.
        updatedAt: z.string().transform((value) => new Date(value).toISOString()),
      }),
      staff: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
      followers: z.array(z.string()),
      message: z.object({ authorId: z.string(), internal: z.boolean(), body: z.string() }).nullable(),
      email_choices: z.record(z.string(), z.boolean()),
    })
    .transform(({ email_choices, ...facts }) => ({
      ...facts,
      /** By user id: e-mail on or off for this event type, where the user has chosen. */
      emailChoices: new Map(Object.entries(email_choices)),
    })),
);
