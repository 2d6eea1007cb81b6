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
