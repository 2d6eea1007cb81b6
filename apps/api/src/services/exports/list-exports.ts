import { reportExports } from "@helpdesk/db/schema";
import { and, desc } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { beforeCursor } from "../../lib/keyset.ts";
import { toExportView } from "./export-view.ts";
import { visibleExports } from "./visible-exports.ts";

export const listExportsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/**
 * The caller's exports (an admin's: the organization's), newest first, keyset-paged on
 * (createdAt, id) by report_exports_requester_created_idx or report_exports_org_created_idx.
 */
export async function listExports(ctx: ServiceContext, query: z.output<typeof listExportsQuery>) {
  const rows = await ctx.db
    .select()
    .from(reportExports)
    .where(and(visibleExports(ctx), beforeCursor(reportExports, query.cursor)))
    .orderBy(desc(reportExports.createdAt), desc(reportExports.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { data: page.data.map((row) => toExportView(ctx.exports, row)), nextCursor: page.nextCursor };
}
