import { reportExports } from "@helpdesk/db/schema";
import { and, eq, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { toExportView } from "./export-view.ts";

/** Whose exports the actor sees: an admin the organization's, an agent their own. */
export function visibleExports(ctx: ServiceContext): SQL | undefined {
  const { actor } = ctx;
  return and(
    eq(reportExports.organizationId, actor.organizationId),
    actor.role === "admin" ? undefined : eq(reportExports.requesterId, actor.id),
  );
}

/** One export; another organization's, or (for an agent) another agent's, is not found. */
export async function getExport(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(reportExports)
    .where(and(eq(reportExports.id, id), visibleExports(ctx)));
  if (!row) throw new NotFoundError("Export");
  return toExportView(ctx.exports, row);
}
