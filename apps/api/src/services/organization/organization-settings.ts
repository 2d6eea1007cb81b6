import { type Organization, organizations } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { UpdateOrganizationInput } from "./settings-input.ts";

/** Everyone in the organization sees who it is and its clock; only admins see how it is run. */
const publicPart = ({ id, name, slug, timezone }: Organization) => ({ id, name, slug, timezone });

export async function getOrganization(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select()
    .from(organizations)
    .where(eq(organizations.id, ctx.actor.organizationId));
  if (!row) throw new NotFoundError("Organization");
  return ctx.actor.role === "admin" ? row : publicPart(row);
}

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
