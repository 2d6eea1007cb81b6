import { slaPolicies } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { markTicketsDirty } from "./mark-tickets-dirty.ts";

/**
 * An admin deletes a policy of their organization and gets it back as it was. Its tickets lose
 * their SLA (the foreign key sets their `slaPolicyId` to null, and the scan stops their clocks);
 * deleting the default leaves the organization without one.
 */
export async function deletePolicy(ctx: ServiceContext, policyId: string) {
  const deleted = await withTransaction(ctx, async (tx) => {
    await markTicketsDirty(tx.db, policyId, ctx.actor.organizationId);
    const [row] = await tx.db
      .delete(slaPolicies)
      .where(and(eq(slaPolicies.id, policyId), eq(slaPolicies.organizationId, ctx.actor.organizationId)))
      .returning();
    return row;
  });
  if (!deleted) throw new NotFoundError("SLA policy");
  ctx.log.info({ slaPolicyId: deleted.id, wasDefault: deleted.isDefault }, "sla policy deleted");
  return deleted;
}
