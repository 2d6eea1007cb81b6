import { organizations, users } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";

/** The acting user's own row and organization. */
export async function getMe(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, ctx.actor.id));
  if (!row) throw new Error(`authenticated user ${ctx.actor.id} has no row`);
  return row;
}
