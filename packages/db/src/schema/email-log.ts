import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";

/** One row per send attempt and its outcome, so support can answer "did the customer get it?". */
export const emailLog = pgTable(
  "email_log",
  {
    id: id(),
    organizationId: uuid(),
    /** The BullMQ job that sent it; also the Resend idempotency key's basis. */
    jobId: text().notNull(),
    attempt: integer().notNull(),
    template: text().notNull(),
    recipientId: uuid(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    /** sent | rate_limited | failed (will retry) | rejected (permanent) */
    status: text().notNull(),
    transport: text().notNull(),
    providerMessageId: text(),
    error: text(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    index("email_log_job_idx").on(t.jobId),
    index("email_log_org_created_idx").on(t.organizationId, t.createdAt.desc()),
  ],
);

export type EmailLogEntry = typeof emailLog.$inferSelect;
