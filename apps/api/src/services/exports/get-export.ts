import { reportExports } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { toExportView } from "./export-view.ts";
import { visibleExports } from "./visible-exports.ts";

/** One export; another organization's, or (for an agent) another agent's, is not found. */
export async function getExport(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(reportExports)
    .where(and(eq(reportExports.id, id), visibleExports(ctx)));
  if (!row) throw new NotFoundError("Export");
  return toExportView(ctx.exports, row);
}
