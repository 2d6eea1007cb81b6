import { DAY_MS } from "../../lib/durations.ts";

/**
 * How long the platform keeps what no organization setting covers, in days. What an organization
 * chooses (read notifications, e-mail log, closed tickets) is its `retention` setting.
 */
export const platformRetention = {
  /** The development outbox (/dev/emails) only ever shows recent mail. */
  devEmailsDays: 90,
  /** A retried dead letter is history: its job ran again under a new id. */
  retriedDeadLettersDays: 30,
  /** A dead letter nobody retried stays long enough for a quarter's review, then goes. */
  deadLettersDays: 90,
  /** An expired export's row (its file is gone at once) still answers "expired" for a while. */
  expiredExportsDays: 30,
  /** Replayed for a day, as the API promises (http/idempotency.ts). */
  idempotencyKeysDays: 1,
  /**
   * BullMQ's finished jobs, when their queue keeps them by count and not by age: a quiet queue
   * would otherwise hold its last jobs for good.
   */
  finishedJobsDays: 7,
};

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
