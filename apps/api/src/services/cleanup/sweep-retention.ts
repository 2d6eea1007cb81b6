import type { SystemContext } from "../../context/service-context.ts";
import type { SweepRun } from "./batches.ts";
import { cleanQueues } from "./clean-queues.ts";
import { noneRemoved, type RemovedCounts } from "./removed-counts.ts";
import { type DeleteExportFile, sweepExports } from "./sweep-exports.ts";
import { sweepOrganizationRows } from "./sweep-organization-rows.ts";
import { sweepPlatformRows } from "./sweep-platform-rows.ts";

export interface SweepOptions {
  /** Rows (or BullMQ jobs) per statement. */
  batchSize: number;
  /** The job's: stops the sweep between batches. */
  signal?: AbortSignal;
  now?: Date;
  /** Deletes an expired export's file from the export storage. */
  deleteExportFile: DeleteExportFile;
}

/**
 * The daily retention sweep (docs/automations.md, "Retention"): each organization's rows by its
 * own settings, the platform's by fixed periods, expired exports, and BullMQ's finished jobs. It
 * runs to the end in batches and logs one line of what it removed; stopped (its timeout), it logs
 * what it had removed so far, and the next attempt goes on where it stopped.
 */
export async function sweepRetention(ctx: SystemContext, options: SweepOptions): Promise<RemovedCounts> {
  const started = Date.now();
  const run: SweepRun = {
    batchSize: options.batchSize,
    signal: options.signal,
    now: options.now ?? new Date(),
    removed: noneRemoved(),
  };
  try {
    await sweepOrganizationRows(ctx, run);
    await sweepPlatformRows(ctx, run);
    await sweepExports(ctx, run, options.deleteExportFile);
    await cleanQueues(ctx.jobs, run);
  } catch (error) {
    ctx.log.warn(
      { err: error, removed: run.removed, durationMs: Date.now() - started },
      "retention sweep stopped",
    );
    throw error;
  }
  ctx.log.info(
    {
      removed: run.removed,
      durationMs: Date.now() - started,
    },
    "retention sweep",
  );
  return run.removed;
}
