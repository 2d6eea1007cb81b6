import { locales, organizations, userRoles, users } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import { personName } from "../../schemas/common.ts";

export const updateUserInput = z
  .object({
    role: z.enum(userRoles).optional(),
    active: z.boolean().optional(),
    name: personName.optional(),
    locale: z.enum(locales).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { error: "give at least one field to change" });

/** An admin changes a user of their organization; the last active admin can't be demoted or deactivated. */
export async function updateUser(
  ctx: ServiceContext,
  userId: string,
  input: z.output<typeof updateUserInput>,
) {
  const updated = await withTransaction(ctx, async ({ db, afterCommit }) => {
    const [target] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, ctx.actor.organizationId)))
      .for("update");
    if (!target) throw new NotFoundError("User");
    const losesAdmin =
      target.role === "admin" &&
      target.active &&
      (input.active === false || (input.role ?? "admin") !== "admin");
    if (losesAdmin) {
      // Serialize on the organization row so two admins demoting each other at once can't both succeed.
      await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, ctx.actor.organizationId))
        .for("update");
      const [others] = await db
        .select({ n: count() })
        .from(users)
        .where(
          and(
            eq(users.organizationId, ctx.actor.organizationId),
            eq(users.role, "admin"),
            eq(users.active, true),
            ne(users.id, target.id),
          ),
        );
      if (!others?.n) throw new ConflictError("An organization must keep at least one active admin");
    }
    const [updated] = await db.update(users).set(input).where(eq(users.id, target.id)).returning();
    ctx.log.info({ targetUserId: target.id, changes: Object.keys(input) }, "user updated");
    // Sockets joined their rooms as the user was: a deactivated or re-roled user reconnects (or can't).
    const accessChanged =
      (input.active !== undefined && input.active !== target.active) ||
      (input.role !== undefined && input.role !== target.role);
    if (accessChanged) afterCommit?.(() => ctx.realtime.disconnectUser(target.id));
    return updated ?? target;
  });
  // Every API process drops its cached copy before the admin hears the change is made, so the
  // user's next request, on any process, sees it (auth/active-user-cache.ts). This is after the
  // commit because the route calls updateUser outside any transaction; inside a caller's, it would
  // announce before that commit.
  if (!(await ctx.realtime.userChanged(updated.id))) {
    ctx.log.warn({ targetUserId: updated.id }, "user change not announced; API processes' caches expire it");
  }
  return updated;
}
