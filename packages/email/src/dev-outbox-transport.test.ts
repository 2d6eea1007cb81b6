import { afterAll, describe, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { devEmails } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { createDevOutboxTransport } from "./dev-outbox-transport.ts";
import type { OutgoingEmail } from "./transport.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error("DATABASE_URL is not set: run the tests with the repository's bun test preload");
const handle = createDatabase(databaseUrl, { max: 2 });
afterAll(() => handle.close());

const transport = createDevOutboxTransport(handle.db);
const email: OutgoingEmail = {
  from: "Helpdesk <notifications@helpdesk.test>",
  to: "camille@example.com",
  subject: "Welcome to Acme on Helpdesk",
  html: "<p>Hello Camille,</p>",
  text: "Hello Camille,",
};

/** Every test uses its own idempotency keys, so tests share the table without seeing each other's rows. */
function rowsFor(idempotencyKey: string) {
  return handle.db.select().from(devEmails).where(eq(devEmails.idempotencyKey, idempotencyKey));
}

describe("createDevOutboxTransport", () => {
  test("stores the e-mail and answers its id", async () => {
    const idempotencyKey = `email:${crypto.randomUUID()}`;
    const { id } = await transport.send(email, { idempotencyKey });

    expect(transport.name).toBe("dev-outbox");
    const rows = await rowsFor(idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      idempotencyKey,
      fromAddress: email.from,
      toAddress: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
  });

  test("the same idempotency key twice stores one e-mail and answers the same id", async () => {
    const idempotencyKey = `email:${crypto.randomUUID()}`;
    const first = await transport.send(email, { idempotencyKey });
    const second = await transport.send({ ...email, subject: "A retried render" }, { idempotencyKey });

    expect(second.id).toBe(first.id);
    const rows = await rowsFor(idempotencyKey);
    expect(rows.map((row) => [row.id, row.subject])).toEqual([[first.id, email.subject]]);
  });

  test("concurrent sends with one key store one e-mail", async () => {
    const idempotencyKey = `email:${crypto.randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => transport.send(email, { idempotencyKey })),
    );

    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await rowsFor(idempotencyKey)).toHaveLength(1);
  });

  test("different keys store different e-mails", async () => {
    const keys = [`email:${crypto.randomUUID()}`, `email:${crypto.randomUUID()}`];
    const [a, b] = await Promise.all(keys.map((idempotencyKey) => transport.send(email, { idempotencyKey })));
    expect(a?.id).not.toBe(b?.id);
  });
});
