import { slaPolicies } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import type { ServiceContext } from "../../context/service-context.ts";
import { checkEscalation } from "./check-escalation.ts";
import { releaseDefault } from "./default-policy.ts";
import type { CreatePolicyInput } from "./policy-input.ts";

/** An admin adds a policy; made the default, it takes the default from the one that had it. */
export async function createPolicy(ctx: ServiceContext, input: CreatePolicyInput) {
  const { organizationId } = ctx.actor;
  await checkEscalation(ctx, input.escalation);
  const created = await withTransaction(ctx, async ({ db }) => {
    if (input.isDefault) await releaseDefault(db, organizationId);
    const [row] = await db
      .insert(slaPolicies)
      .values({ ...input, organizationId })
      .returning();
    if (!row) throw new Error("sla policy insert returned nothing");
    return row;
  });
  ctx.log.info({ slaPolicyId: created.id, isDefault: created.isDefault }, "sla policy created");
  return created;
}
