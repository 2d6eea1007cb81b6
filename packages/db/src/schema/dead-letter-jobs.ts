import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";

/**
 * A job that failed for the last time. The unique key (queue, job id, BullMQ's finishedOn) makes
 * recording idempotent: the same failure seen by two processes, or twice, is one row; a job retried
 * from BullMQ that fails again later is a new row.
 */
export const deadLetterJobs = pgTable(
  "dead_letter_jobs",
  {
    id: id(),
    queue: text().notNull(),
    jobName: text().notNull(),
    jobId: text().notNull(),
    /** Null for platform jobs (scans); those are visible to the operator only. */
    organizationId: uuid(),
    payload: jsonb().notNull(),
    errorMessage: text().notNull(),
    stack: text(),
    attemptsMade: integer().notNull(),
    failedAt: timestampMs().notNull(),
    /** BullMQ's finishedOn in ms: identifies this failure of this job. */
    failureKey: bigint({ mode: "number" }).notNull(),
    retriedAt: timestampMs(),
    retriedJobId: text(),
    /** User id of the admin, or "operator". */
    retriedBy: text(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dead_letter_jobs_failure_unique").on(t.queue, t.jobId, t.failureKey),
    index("dead_letter_jobs_org_failed_idx").on(t.organizationId, t.failedAt.desc(), t.id.desc()),
    index("dead_letter_jobs_queue_failed_idx").on(t.queue, t.failedAt.desc(), t.id.desc()),
  ],
);

export type DeadLetterJob = typeof deadLetterJobs.$inferSelect;
