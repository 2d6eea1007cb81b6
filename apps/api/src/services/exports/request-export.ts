import { exportTypes, reportExports, ticketPriorities, ticketStatuses } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { RateLimitedError, ValidationError } from "../../lib/errors.ts";
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
 * Exports one requester may have queued or running at once: the `reports` queue runs two at a
 * time for the whole platform, so one person's batch must not hold it for everyone else.
 */
export const MAX_EXPORTS_IN_FLIGHT = 3;
/** Retry-After for a refused request: a hint only, when a place frees up depends on the exports ahead. */
const RETRY_AFTER_SECONDS = 60;

/**
 * Records the export as queued and its `reports.export` job in one transaction (the outbox): the
 * request never exists without its job, nor the job without its row. A requester who already has
 * `MAX_EXPORTS_IN_FLIGHT` queued or running is refused (429), and nothing is written.
 */
export async function requestExport(ctx: ServiceContext, input: z.output<typeof requestExportInput>) {
  if (input.to <= input.from) throw ValidationError.field("body", "to", "must be after `from`");
  const { actor } = ctx;
  return withTransaction(ctx, async (tx) => {
    // One requester's requests take turns here, so two at once can't both see room for one more.
    await tx.db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`report-exports:${actor.id}`}, 0))`,
    );
    const [inFlight] = await tx.db
      .select({ n: count() })
      .from(reportExports)
      .where(
        and(eq(reportExports.requesterId, actor.id), inArray(reportExports.status, ["queued", "running"])),
      );
    if ((inFlight?.n ?? 0) >= MAX_EXPORTS_IN_FLIGHT) {
      throw new RateLimitedError(
        `You already have ${MAX_EXPORTS_IN_FLIGHT} exports queued or running; request another once one has finished`,
        RETRY_AFTER_SECONDS,
      );
    }
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
