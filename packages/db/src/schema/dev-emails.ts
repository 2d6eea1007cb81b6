import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";

/**
 * The development outbox: without RESEND_API_KEY, e-mails are stored here and shown at
 * /dev/emails instead of being sent. The idempotency key makes a retried send a no-op, as Resend does.
 */
export const devEmails = pgTable(
  "dev_emails",
  {
    id: id(),
    idempotencyKey: text().notNull(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dev_emails_idempotency_unique").on(t.idempotencyKey),
    index("dev_emails_created_idx").on(t.createdAt.desc()),
  ],
);

export type DevEmail = typeof devEmails.$inferSelect;
