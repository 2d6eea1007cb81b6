import { getTableColumns, sql } from "drizzle-orm";
import type { Executor } from "../client.ts";
import { runPrepared } from "../prepared.ts";
import { type Notification, notifications } from "../schema/notifications.ts";

export interface RecordNotificationInput {
  organizationId: string;
  userId: string;
  ticketId: string;
  type: string;
  eventId: string;
  data: Record<string, unknown>;
  /** Events of one (user, ticket, type) within this long of the row's last one collapse into it. */
  collapseWindowMs: number;
  /** How many of the latest event ids a collapsed row keeps (a redelivered event is found by them). */
  keepEventIds: number;
}

/**
 * Records one event for one user through the SQL function `record_notification`
 * (packages/db/migrations/0011): under an advisory lock per (user, ticket, type), it finds the
 * event already recorded (answers no row), or collapses it into the latest row within the window,
 * or inserts a row, and answers the row.
 *
 * Raw SQL because the builder can't express it in one round trip: the lock must be taken before
 * the rows are read, and within one statement every read sees the snapshot taken before the lock,
 * so two events arriving at once would both insert. The function's statements each take a fresh
 * snapshot. The row comes back through the table's own columns, so a column added to the table is
 * read without an edit here.
 */
export async function recordNotification(
  db: Executor,
  input: RecordNotificationInput,
): Promise<Notification | undefined> {
  const [row] = await runPrepared(db, "record_notification", recordQuery, {
    id: Bun.randomUUIDv7(),
    organizationId: input.organizationId,
    userId: input.userId,
    ticketId: input.ticketId,
    type: input.type,
    eventId: input.eventId,
    data: JSON.stringify(input.data),
    windowMs: input.collapseWindowMs,
    keepEventIds: input.keepEventIds,
  });
  return row;
}

const recordQuery = (db: Executor) => {
  const p = (name: string) => sql.placeholder(name);
  const recorded = db.$with("recorded", getTableColumns(notifications)).as(
    sql`select * from record_notification(
      ${p("id")}::uuid, ${p("organizationId")}::uuid, ${p("userId")}::uuid, ${p("ticketId")}::uuid,
      ${p("type")}::text, ${p("eventId")}::text, ${p("data")}::jsonb, ${p("windowMs")}::integer,
      ${p("keepEventIds")}::integer
    )`,
  );
  return db.with(recorded).select().from(recorded);
};
