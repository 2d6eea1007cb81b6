import { organizations } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { UpdateOrganizationInput } from "./settings-input.ts";

/**
 * Schedules read these settings at every tick (services/reports), so a new zone or hour moves the
 * next digest and report with nothing else to update.
 */
export async function updateOrganization(ctx: ServiceContext, input: UpdateOrganizationInput) {
  const updated = await withTransaction(ctx, async (tx) => {
    const [current] = await tx.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, ctx.actor.organizationId))
      .for("update");
    if (!current) throw new NotFoundError("Organization");
    const [row] = await tx.db
      .update(organizations)
      .set({
        ...input,
        digest: { ...current.digest, ...input.digest },
        weeklyReport: { ...current.weeklyReport, ...input.weeklyReport },
        retention: { ...current.retention, ...input.retention },
      })
      .where(eq(organizations.id, current.id))
      .returning();
    return row ?? current;
  });
  ctx.log.info({ changes: Object.keys(input) }, "organization settings updated");
  return updated;
}
