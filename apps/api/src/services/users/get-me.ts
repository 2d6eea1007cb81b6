import { organizations, users } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { dropUserInProcess } from "../../auth/user-changed.ts";
import type { ServiceContext } from "../../context/service-context.ts";
import { UnauthorizedError } from "../../lib/errors.ts";

/** The acting user's own row and organization. */
export async function getMe(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, ctx.actor.id));
  if (!row) {
    // Deleted behind the API's back (users are deactivated, not deleted): the token names nobody.
    dropUserInProcess(ctx.actor.id);
    throw new UnauthorizedError("This account no longer exists");
  }
  return row;
}
