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

/** One of many events `recordNotifications` records; the collapse rules are the call's. */
export type NotificationRow = Omit<RecordNotificationInput, "collapseWindowMs" | "keepEventIds">;

/**
 * Records many events in one round trip, each as `recordNotification` would (the same SQL
 * function, called once per row in the order given), and answers the rows of those not recorded
 * before. Each call's advisory lock is held until the statement ends, so callers recording several
 * at once give them in one order (`byLockKey`): two batches then wait for each other rather than
 * deadlock.
 */
export async function recordNotifications(
  db: Executor,
  rows: readonly NotificationRow[],
  rules: Pick<RecordNotificationInput, "collapseWindowMs" | "keepEventIds">,
): Promise<Notification[]> {
  if (rows.length === 0) return [];
  return runPrepared(db, "record_notifications", recordManyQuery, {
    rows: JSON.stringify(
      [...rows].sort(byLockKey).map((row) => ({
        id: Bun.randomUUIDv7(),
        organization_id: row.organizationId,
        user_id: row.userId,
        ticket_id: row.ticketId,
        type: row.type,
        event_id: row.eventId,
        data: row.data,
      })),
    ),
    windowMs: rules.collapseWindowMs,
    keepEventIds: rules.keepEventIds,
  });
}

const lockKey = (row: NotificationRow) => `${row.userId}:${row.ticketId}:${row.type}`;
const byLockKey = (a: NotificationRow, b: NotificationRow) => {
  const [x, y] = [lockKey(a), lockKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

const recordManyQuery = (db: Executor) => {
  const p = (name: string) => sql.placeholder(name);
  // A function scan feeds the lateral calls in its own order: the rows' order, sorted above.
  const recorded = db.$with("recorded", getTableColumns(notifications)).as(
    sql`select n.* from jsonb_to_recordset(${p("rows")}::jsonb) as r(
      id uuid, organization_id uuid, user_id uuid, ticket_id uuid, type text, event_id text, data jsonb
    ) cross join lateral record_notification(
      r.id, r.organization_id, r.user_id, r.ticket_id, r.type, r.event_id, r.data,
      ${p("windowMs")}::integer, ${p("keepEventIds")}::integer
    ) as n`,
  );
  return db.with(recorded).select().from(recorded);
};
