import { slaPolicies } from "@helpdesk/db/schema";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { beforeCursor } from "../../lib/keyset.ts";

export const listPoliciesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** One policy of the actor's organization; another organization's is as missing as a deleted one. */
export async function getPolicy(ctx: ServiceContext, policyId: string) {
  const [policy] = await ctx.db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.id, policyId), eq(slaPolicies.organizationId, ctx.actor.organizationId)))
    .limit(1);
  if (!policy) throw new NotFoundError("SLA policy");
  return policy;
}

/** The organization's policies, newest first (sla_policies_org_created_idx). */
export async function listPolicies(ctx: ServiceContext, query: z.output<typeof listPoliciesQuery>) {
  const rows = await ctx.db
    .select()
    .from(slaPolicies)
    .where(
      and(eq(slaPolicies.organizationId, ctx.actor.organizationId), beforeCursor(slaPolicies, query.cursor)),
    )
    .orderBy(desc(slaPolicies.createdAt), desc(slaPolicies.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}
