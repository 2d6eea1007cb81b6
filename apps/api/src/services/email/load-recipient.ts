import { users } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";

/** The recipient if still an active member of the organization; a deactivated user gets no e-mail. */
export async function loadRecipient(ctx: SystemContext, organizationId: string, userId: string) {
  const [user] = await ctx.db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId), eq(users.active, true)));
  return user;
}
