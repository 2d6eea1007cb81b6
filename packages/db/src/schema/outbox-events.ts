import { integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";

/**
 * Transactional outbox: a job to enqueue, written in the same transaction as the data it describes,
 * so a committed ticket change never loses its side effects (Valkey down, process killed). The relay
 * moves rows to BullMQ using the row id as the job id and deletes them in the same transaction, so
 * every row here is still to be relayed. The primary key (UUIDv7, time-ordered) is the relay's
 * index: it takes the oldest rows first.
 */
export const outboxEvents = pgTable("outbox_events", {
  id: id(),
  /** Null for platform jobs that belong to no organization. */
  organizationId: uuid(),
  queue: text().notNull(),
  jobName: text().notNull(),
  payload: jsonb().notNull(),
  /**
   * The job's id when the producer names it (a timer per deadline, a close per resolution): adding
   * the same job twice then makes one job. Null: the row's own id names the job.
   */
  jobId: text(),
  /** When the job may run; null is at once. A delay is counted from here, not from the relay. */
  runAt: timestampMs(),
  /** The producer's priority class, where it overrides the catalog's (packages/jobs/src/priorities.ts). */
  priority: text(),
  createdAt: timestampMs().notNull().defaultNow(),
  /** Passes that took the row and failed to add it (Valkey unreachable), and why the last one failed. */
  relayAttempts: integer().notNull().default(0),
  lastError: text(),
});

export type OutboxEvent = typeof outboxEvents.$inferSelect;
