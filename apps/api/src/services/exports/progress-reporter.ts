/**
 * Reports an export's progress at its start, at most once per interval while it runs, and at its
 * end: often enough for a progress bar, rarely enough that a large export's row updates and socket
 * events cost nothing next to its rows.
 */
export class ProgressReporter {
  private lastAt = 0;

  constructor(
    private readonly total: number,
    private readonly send: (update: { progress: number; rowsDone: number; total: number }) => Promise<void>,
    private readonly intervalMs = 1_000,
  ) {}

  start(): Promise<void> {
    return this.report(0);
  }

  async advance(rowsDone: number): Promise<void> {
    if (Date.now() - this.lastAt >= this.intervalMs) await this.report(rowsDone);
  }

  finish(rowsDone: number): Promise<void> {
    return this.report(rowsDone, 100);
  }

  private report(rowsDone: number, progress?: number): Promise<void> {
    this.lastAt = Date.now();
    // The count was taken before the rows were read: rows added since can pass it, so the bar
    // stops at 99 until the file is complete.
    const share = this.total > 0 ? Math.floor((rowsDone / this.total) * 100) : 0;
    return this.send({
      progress: progress ?? Math.min(99, share),
      rowsDone,
      total: Math.max(this.total, rowsDone),
    });
  }
}
