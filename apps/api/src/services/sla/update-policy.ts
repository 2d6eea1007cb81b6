import { slaPolicies } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { checkEscalation } from "./check-escalation.ts";
import { releaseDefault } from "./default-policy.ts";
import { markTicketsDirty } from "./mark-tickets-dirty.ts";
import { type UpdatePolicyInput, unreachableTarget } from "./policy-input.ts";

/**
 * An admin changes a policy of their organization. `isDefault: true` takes the default from the
 * policy that had it; `false` on the default leaves the organization without one.
 */
export async function updatePolicy(ctx: ServiceContext, policyId: string, input: UpdatePolicyInput) {
  const { organizationId } = ctx.actor;
  const updated = await withTransaction(ctx, async (tx) => {
    // Before this policy's row lock: every default move locks the organization first.
    if (input.isDefault) await releaseDefault(tx.db, organizationId, policyId);
    const [current] = await tx.db
      .select()
      .from(slaPolicies)
      .where(and(eq(slaPolicies.id, policyId), eq(slaPolicies.organizationId, organizationId)))
      .for("update");
    if (!current) throw new NotFoundError("SLA policy");
    if (input.escalation) await checkEscalation(tx, input.escalation);
    const unreachable = unreachableTarget(
      input.targets ?? current.targets,
      input.businessHours === undefined ? current.businessHours : input.businessHours,
    );
    if (unreachable) {
      // Name what this request changed: the target, or the hours that no longer reach it.
      const path = input.targets ? unreachable.path.join(".") : "businessHours.weekly";
      const message = input.targets
        ? unreachable.message
        : `open too little to reach ${unreachable.path.join(".")} within the deadline search's horizon`;
      throw ValidationError.field("body", path, message);
    }
    const [row] = await tx.db
      .update(slaPolicies)
      .set(input)
      .where(eq(slaPolicies.id, current.id))
      .returning();
    if (input.targets || input.businessHours !== undefined) await markTicketsDirty(tx.db, current.id);
    return row ?? current;
  });
  ctx.log.info({ slaPolicyId: updated.id, changes: Object.keys(input) }, "sla policy updated");
  return updated;
}
