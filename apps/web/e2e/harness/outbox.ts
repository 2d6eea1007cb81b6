import type { Database } from "@helpdesk/db/client";
import { type DevEmail, devEmails } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { asc, eq } from "drizzle-orm";

/**
 * E-mails the server sent, read from the development outbox (table dev_emails): without
 * RESEND_API_KEY the server stores them there instead of sending them.
 */
export const emailsTo = (db: Database, address: string) =>
  db.select().from(devEmails).where(eq(devEmails.toAddress, address)).orderBy(asc(devEmails.createdAt));

/** Waits for an e-mail to `address` whose subject matches. */
export async function awaitEmail(db: Database, address: string, subject: RegExp, timeoutMs = 20_000) {
  return waitFor(
    `an e-mail to ${address} with a subject like ${subject}`,
    async () => (await emailsTo(db, address)).find((email) => subject.test(email.subject)),
    { timeoutMs, intervalMs: 100 },
  );
}

/** The links of an e-mail's text part that go to `origin` (the app), in order, without repeats. */
export function appLinks(email: DevEmail, origin: string): string[] {
  const found = email.text.match(/https?:\/\/[^\s<>")\]]+/g) ?? [];
  return [...new Set(found.filter((link) => link.startsWith(`${origin}/`)))];
}
