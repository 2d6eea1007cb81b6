import { notifications } from "@helpdesk/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";

/** Marks one of the user's notifications read (again is fine); someone else's is "not found". */
export async function markNotificationRead(ctx: ServiceContext, notificationId: string) {
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, ctx.actor.id)));
  if (!row) throw new NotFoundError("Notification");
  if (row.readAt) return row;
  const [updated] = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(eq(notifications.id, row.id))
    .returning();
  return updated ?? row;
}

export async function markAllNotificationsRead(ctx: ServiceContext) {
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: updated.length };
}
