import { exportTypes, reportExports, ticketPriorities, ticketStatuses } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ValidationError } from "../../lib/errors.ts";
import { isoDate } from "../../schemas/common.ts";

const instant = isoDate.refine((date) => date.getUTCFullYear() >= 1, "must be in year 1 or later");

export const requestExportInput = z.strictObject({
  type: z.enum(exportTypes),
  /** Rows created at or after this instant (a breach: recorded). */
  from: instant,
  /** Rows created before this instant. */
  to: instant,
  filters: z
    .strictObject({
      status: z.enum(ticketStatuses).optional(),
      priority: z.enum(ticketPriorities).optional(),
      assigneeId: z.uuid().optional(),
    })
    .default({}),
});

/**
 * Records the export as queued and its `reports.export` job in one transaction (the outbox): the
 * request never exists without its job, nor the job without its row.
 */
export async function requestExport(ctx: ServiceContext, input: z.output<typeof requestExportInput>) {
  if (input.to <= input.from) throw ValidationError.field("body", "to", "must be after `from`");
  const { actor } = ctx;
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(reportExports)
      .values({
        organizationId: actor.organizationId,
        requesterId: actor.id,
        type: input.type,
        params: { from: input.from.toISOString(), to: input.to.toISOString(), filters: input.filters },
      })
      .returning({ id: reportExports.id, status: reportExports.status });
    if (!row) throw new Error("export insert returned nothing");
    await ctx.jobs.publish(
      tx,
      "reports.export",
      { organizationId: actor.organizationId, exportId: row.id },
      { key: `export-${row.id}` },
    );
    return row;
  });
}
