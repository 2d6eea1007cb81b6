import type { RemovedCounts, RemovedKind } from "./removed-counts.ts";

/** How a sweep runs: its batch size, the job's abort signal, its clock, and where it counts. */
export interface SweepRun {
  batchSize: number;
  signal?: AbortSignal;
  now: Date;
  removed: RemovedCounts;
}

/**
 * Runs `removeBatch` (which takes at most `batchSize` rows and says how many it removed, and how
 * many it took when some could not be removed) until a batch comes back short, counting as it
 * goes: a stopped sweep has still counted what it removed. Each batch is its own short statement,
 * so a backlog never holds long locks or one huge transaction; the signal is checked between
 * batches (the job's timeout).
 */
export async function inBatches(
  run: SweepRun,
  kind: RemovedKind,
  removeBatch: () => Promise<number | { removed: number; taken: number }>,
) {
  for (;;) {
    run.signal?.throwIfAborted();
    const result = await removeBatch();
    const { removed, taken } = typeof result === "number" ? { removed: result, taken: result } : result;
    run.removed[kind] += removed;
    if (taken < run.batchSize) return;
  }
}
