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
  createdAt: timestampMs().notNull().defaultNow(),
  /** Passes that took the row and failed to add it (Valkey unreachable), and why the last one failed. */
  relayAttempts: integer().notNull().default(0),
  lastError: text(),
});

export type OutboxEvent = typeof outboxEvents.$inferSelect;
