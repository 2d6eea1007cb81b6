import type { Notification } from "@helpdesk/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { SystemContext } from "../../context/service-context.ts";
import { jsonbTimestamp } from "../../lib/jsonb-timestamp.ts";

const COLLAPSE_WINDOW_MS = 5 * 60_000;
/**
 * Event ids kept on a collapsed row: a retried job comes back within its backoff, long before 30
 * newer events of the same (user, ticket, type). 30 ids (~1.1 KB) keep the row under PostgreSQL's
 * 2 KB TOAST threshold; with 100 (~3.2 KB compressed) every collapse wrote the array out of line
 * again, and PostgreSQL spent ~0.6 ms more per event at 200/s over 30 s (bench/realtime.ts).
 */
export const KEEP_EVENT_IDS = 30;

export interface NotificationInput {
  organizationId: string;
  userId: string;
  ticketId: string;
  type: string;
  eventId: string;
  data: Record<string, unknown>;
}

/**
 * Records one event for one user. Within 5 minutes, events of the same (user, ticket, type)
 * collapse into one row with a count (and the row becomes unread again). An event the user already
 * has (a redelivered or retried job) changes nothing: returns `{ fresh: false }`.
 *
 * The work is the SQL function `record_notification` (packages/db/migrations/0009): an advisory
 * lock per (user, ticket, type), the "already has it" check, then collapse or insert. Sent as
 * statements from here it took six round trips (BEGIN, lock, two reads, write, COMMIT); at one
 * round trip the fan-out's PostgreSQL time per recipient drops by most of that (bench/realtime.ts).
 */
// `data` goes as text cast to jsonb, as the outbox payload does (packages/jobs/src/runtime.ts).
export async function recordNotification(ctx: SystemContext, input: NotificationInput) {
  const rows = await ctx.db.execute(
    sql`select record_notification(
      ${Bun.randomUUIDv7()}, ${input.organizationId}, ${input.userId}, ${input.ticketId}, ${input.type},
      ${input.eventId}, ${JSON.stringify(input.data)}::text::jsonb, ${COLLAPSE_WINDOW_MS}, ${KEEP_EVENT_IDS}
    ) as result`,
  );
  // A raw query's rows are untyped (the database type spans two drivers): the schema types them.
  const [row] = functionResult.parse(rows);
  if (!row) throw new Error("record_notification returned nothing");
  return row.result;
}

/** The function's jsonb, as `to_jsonb` spells a row (snake_case, ISO timestamps), mapped to the row type. */
const functionResult = z.array(
  z.object({
    result: z.object({
      fresh: z.boolean(),
      notification: z
        .object({
          id: z.string(),
          organization_id: z.string(),
          user_id: z.string(),
          ticket_id: z.string().nullable(),
          type: z.string(),
          count: z.number(),
          event_ids: z.array(z.string()),
          data: z.record(z.string(), z.unknown()),
          read_at: jsonbTimestamp.nullable(),
          created_at: jsonbTimestamp,
          updated_at: jsonbTimestamp,
        })
        .transform(
          (row): Notification => ({
            id: row.id,
            organizationId: row.organization_id,
            userId: row.user_id,
            ticketId: row.ticket_id,
            type: row.type,
            count: row.count,
            eventIds: row.event_ids,
            data: row.data,
            readAt: row.read_at,
            createdAt: row.created_at,
            updatedAt: row.updated_at,
          }),
        ),
    }),
  }),
);
