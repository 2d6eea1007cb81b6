import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";

/**
 * Transactional outbox: a job to enqueue, written in the same transaction as the data it describes,
 * so a committed ticket change never loses its side effects (Valkey down, process killed). The relay
 * moves rows to BullMQ using the row id as the job id and stamps `relayedAt`; cleanup deletes old ones.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: id(),
    /** Null for platform jobs that belong to no organization. */
    organizationId: uuid(),
    queue: text().notNull(),
    jobName: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
    relayedAt: timestampMs(),
    relayAttempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    // The relay's only query: the oldest rows not yet relayed. Partial, so it stays tiny.
    index("outbox_events_pending_idx").on(t.id).where(sql`${t.relayedAt} is null`),
    index("outbox_events_relayed_idx").on(t.relayedAt).where(sql`${t.relayedAt} is not null`),
  ],
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
