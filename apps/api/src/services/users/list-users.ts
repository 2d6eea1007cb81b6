import { userRoles, users } from "@helpdesk/db/schema";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { beforeCursor } from "../../lib/keyset.ts";

export const listUsersQuery = z.object({
  role: z.enum(userRoles).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorParam.optional(),
});

/** Staff see everyone in their organization (to assign and to look up customers); a customer sees only themself. */
export async function listUsers(ctx: ServiceContext, query: z.output<typeof listUsersQuery>) {
  const conditions: (SQL | undefined)[] = [eq(users.organizationId, ctx.actor.organizationId)];
  if (ctx.actor.role === "customer") conditions.push(eq(users.id, ctx.actor.id));
  if (query.role) conditions.push(eq(users.role, query.role));
  conditions.push(beforeCursor(users, query.cursor));
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}
