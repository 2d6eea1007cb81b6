import { anyOf } from "@helpdesk/db/any-of";
import { reportExports } from "@helpdesk/db/schema";
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { inBatches, type SweepRun } from "./batches.ts";
import { deleteInBatches } from "./delete-in-batches.ts";
import { daysBefore, platformRetention } from "./retention-periods.ts";

/** Removes one export's file from wherever exports are stored; a missing file is not an error. */
export type DeleteExportFile = (storageKey: string) => Promise<void>;

/**
 * Exports past their `expiresAt`: the file is deleted, then the row marked `expired` (so a file
 * whose deletion failed is tried again next time, never forgotten); rows expired
 * `platformRetention.expiredExportsDays` ago are deleted.
 */
export async function sweepExports(ctx: SystemContext, run: SweepRun, deleteFile: DeleteExportFile) {
  const { db } = ctx;
  {
    let after: string | undefined;
    await inBatches(run, "expiredExports", async () => {
      const page = await db
        .select({ id: reportExports.id, storageKey: reportExports.storageKey })
        .from(reportExports)
        .where(
          and(
            inArray(reportExports.status, ["ready", "failed"]),
            lt(reportExports.expiresAt, run.now),
            after ? gt(reportExports.id, after) : undefined,
          ),
        )
        .orderBy(asc(reportExports.id))
        .limit(run.batchSize);
      after = page.at(-1)?.id;
      const removed: string[] = [];
      for (const row of page) {
        try {
          if (row.storageKey) await deleteFile(row.storageKey);
          removed.push(row.id);
        } catch (error) {
          ctx.log.warn({ err: error, exportId: row.id }, "export file not deleted; tried again next sweep");
        }
      }
      if (removed.length > 0) {
        await db.update(reportExports).set({ status: "expired" }).where(anyOf(reportExports.id, removed));
      }
      return { removed: removed.length, taken: page.length };
    });
  }
  const expiredBefore = daysBefore(run.now, platformRetention.expiredExportsDays);
  await deleteInBatches(
    db,
    run,
    "exportRows",
    reportExports,
    reportExports.id,
    and(eq(reportExports.status, "expired"), lt(reportExports.expiresAt, expiredBefore)),
  );
}
