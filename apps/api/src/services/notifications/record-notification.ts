import { notifications } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, arrayContains, desc, eq, gt, sql } from "drizzle-orm";
import type { SystemContext } from "../../context.ts";

const COLLAPSE_WINDOW_MS = 5 * 60_000;

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
 * has (a redelivered or retried job), at any age, changes nothing: returns `{ fresh: false }`.
 */
export async function recordNotification(ctx: SystemContext, input: NotificationInput) {
  return withTransaction(ctx, async ({ db }) => {
    // Serializes the read-then-write per (user, ticket, type): two events at once collapse, not race.
    await db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`${input.userId}:${input.ticketId}:${input.type}`}))`,
    );
    const [seen] = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, input.userId), arrayContains(notifications.eventIds, [input.eventId])),
      )
      .limit(1);
    if (seen) return { notification: seen, fresh: false };
    const [recent] = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, input.userId),
          eq(notifications.ticketId, input.ticketId),
          eq(notifications.type, input.type),
          gt(notifications.updatedAt, new Date(Date.now() - COLLAPSE_WINDOW_MS)),
        ),
      )
      .orderBy(desc(notifications.updatedAt))
      .limit(1);
    if (recent) {
      const [updated] = await db
        .update(notifications)
        .set({
          count: sql`${notifications.count} + 1`,
          eventIds: sql`array_append(${notifications.eventIds}, ${input.eventId})`,
          data: input.data,
          readAt: null,
          updatedAt: new Date(),
        })
        .where(eq(notifications.id, recent.id))
        .returning();
      return { notification: updated ?? recent, fresh: true };
    }
    const [created] = await db
      .insert(notifications)
      .values({ ...input, eventIds: [input.eventId] })
      .returning();
    if (!created) throw new Error("notification insert returned nothing");
    return { notification: created, fresh: true };
  });
}
