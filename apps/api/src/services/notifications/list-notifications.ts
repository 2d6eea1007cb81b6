import { notifications } from "@helpdesk/db/schema";
import { and, count, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorCodec, cursorId, cursorParam, cursorTimestamp } from "../../lib/cursor.ts";

export const listNotificationsQuery = z.object({
  /** `true` lists unread ones only. */
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

const unreadFirst = sql<boolean>`(${notifications.readAt} is null)`;

/** The user's notifications, unread first, then newest first; with the unread count. */
export async function listNotifications(ctx: ServiceContext, query: z.output<typeof listNotificationsQuery>) {
  const mine = eq(notifications.userId, ctx.actor.id);
  const conditions: (SQL | undefined)[] = [mine];
  if (query.unread === "true") conditions.push(isNull(notifications.readAt));
  if (query.cursor) conditions.push(afterCursor(query.cursor));
  const [rows, [unread]] = await Promise.all([
    ctx.db
      .select({ row: notifications, unread: unreadFirst })
      .from(notifications)
      .where(and(...conditions))
      .orderBy(desc(unreadFirst), desc(notifications.updatedAt), desc(notifications.id))
      .limit(query.limit + 1),
    ctx.db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row }) => row),
    nextCursor:
      rows.length > query.limit && last ? encode(last.unread, last.row.updatedAt, last.row.id) : null,
    unreadCount: unread?.n ?? 0,
  };
}

// Keyset over (unread desc, updatedAt desc, id desc).
const notificationCursor = cursorCodec(
  z.tuple([z.union([z.literal(0), z.literal(1)]), cursorTimestamp, cursorId]),
);
const encode = (unread: boolean, updatedAt: Date, id: string) =>
  notificationCursor.encode([unread ? 1 : 0, updatedAt.toISOString(), id]);

function afterCursor(cursor: string): SQL {
  const [flag, updatedAt, id] = notificationCursor.decode(cursor);
  const unread = flag === 1;
  const at = sql`${updatedAt.toISOString()}::timestamptz`;
  return sql`(${unreadFirst} < ${unread}::boolean or (${unreadFirst} = ${unread}::boolean and (${notifications.updatedAt} < ${at} or (${notifications.updatedAt} = ${at} and ${notifications.id} < ${id}::uuid))))`;
}
