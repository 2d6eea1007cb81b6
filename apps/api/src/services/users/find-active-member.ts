import { users } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";

/** An active user of the actor's organization with one of these roles, or undefined. */
export async function findActiveMember(
  ctx: ServiceContext,
  userId: string,
  roles: readonly ("customer" | "agent" | "admin")[],
) {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(
      and(eq(users.id, userId), eq(users.organizationId, ctx.actor.organizationId), eq(users.active, true)),
    )
    .limit(1);
  return user && roles.includes(user.role) ? user : undefined;
}
