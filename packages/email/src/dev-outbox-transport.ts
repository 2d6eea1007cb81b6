import type { Database } from "@helpdesk/db/client";
import { devEmails } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import type { EmailTransport } from "./transport.ts";

/**
 * Development stand-in for a provider: e-mails land in `dev_emails` and are read at /dev/emails.
 * Like Resend, a second send with the same idempotency key stores nothing and answers with the id
 * of the e-mail already stored, so a retried job looks the same in both transports.
 */
export function createDevOutboxTransport(db: Database): EmailTransport {
  return {
    name: "dev-outbox",
    async send(email, { idempotencyKey }) {
      const [inserted] = await db
        .insert(devEmails)
        .values({
          idempotencyKey,
          fromAddress: email.from,
          toAddress: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
        })
        .onConflictDoNothing({ target: devEmails.idempotencyKey })
        .returning({ id: devEmails.id });
      if (inserted) return inserted;
      const [existing] = await db
        .select({ id: devEmails.id })
        .from(devEmails)
        .where(eq(devEmails.idempotencyKey, idempotencyKey));
      // Only if the row was deleted in between (someone cleared the outbox): a retry will store it again.
      if (!existing)
        throw new Error(`dev_emails: no row for idempotency key ${idempotencyKey} after a conflict`);
      return existing;
    },
  };
}
