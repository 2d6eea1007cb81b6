/** What one retention sweep removed, per kind: the sweep's log line and its job's return value. */
export interface RemovedCounts {
  readNotifications: number;
  emailLog: number;
  closedTickets: number;
  devEmails: number;
  deadLetters: number;
  idempotencyKeys: number;
  /** Exports past their expiry whose file was deleted and row marked `expired`. */
  expiredExports: number;
  /** Rows of exports expired long enough ago. */
  exportRows: number;
  completedJobs: number;
  failedJobs: number;
}

export type RemovedKind = keyof RemovedCounts;

export const noneRemoved = (): RemovedCounts => ({
  readNotifications: 0,
  emailLog: 0,
  closedTickets: 0,
  devEmails: 0,
  deadLetters: 0,
  idempotencyKeys: 0,
  expiredExports: 0,
  exportRows: 0,
  completedJobs: 0,
  failedJobs: 0,
});

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
