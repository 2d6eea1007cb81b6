import { afterAll, beforeAll, expect, test } from "bun:test";
import { ticketMessages, tickets, users } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const openWithKey = (key: string, subject: string, token = org.customer.token) =>
  server.request("POST", "/api/v1/tickets", {
    token,
    body: { subject, body: "first message" },
    headers: { "idempotency-key": key },
  });
const ticketsNamed = (subject: string) =>
  server.db.select().from(tickets).where(eq(tickets.subject, subject));

test("a retry with the same key and body gets the same 201 and body, and creates nothing", async () => {
  const key = crypto.randomUUID();
  const subject = `Once only ${key}`;
  const first = await openWithKey(key, subject);
  const again = await openWithKey(key, subject);
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(first.headers.get("idempotent-replayed")).toBeNull();
  expect(await ticketsNamed(subject)).toHaveLength(1);
});

test("the same key with another body → 422, nothing created", async () => {
  const key = crypto.randomUUID();
  expect((await openWithKey(key, `A ${key}`)).status).toBe(201);
  const other = await openWithKey(key, `B ${key}`);
  expect(other.status).toBe(422);
  expect(other.body.error.code).toBe("idempotency_key_reused");
  expect(await ticketsNamed(`B ${key}`)).toHaveLength(0);
});

test("keys belong to their user: another user's same key is a new request", async () => {
  const key = crypto.randomUUID();
  const subject = `Mine ${key}`;
  expect((await openWithKey(key, subject)).status).toBe(201);
  expect((await openWithKey(key, subject, org.customer2.token)).status).toBe(201);
  expect(await ticketsNamed(subject)).toHaveLength(2);
});

test("ten requests racing with one key create one ticket, and all get its answer", async () => {
  const key = crypto.randomUUID();
  const subject = `Racing ${key}`;
  const answers = await Promise.all(Array.from({ length: 10 }, () => openWithKey(key, subject)));
  expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
  expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
  expect(await ticketsNamed(subject)).toHaveLength(1);
});

test("a refused request stores nothing: the same key works once the request is fixed... with the same body", async () => {
  const ticket = await openTicket(server, org);
  const key = crypto.randomUUID();
  const reply = () =>
    server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      token: org.customer.token,
      body: { body: "after the close" },
      headers: { "idempotency-key": key },
    });
  await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
    token: org.agent.token,
    body: { status: "closed" },
  });
  expect((await reply()).status).toBe(409);
  expect((await reply()).status).toBe(409); // run again, not replayed
  const messages = await server.db
    .select()
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.body, "after the close")));
  expect(messages).toHaveLength(0);
});

test("replies and new users honour the key too", async () => {
  const ticket = await openTicket(server, org);
  const key = crypto.randomUUID();
  const reply = () =>
    server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      token: org.agent.token,
      body: { body: `reply ${key}` },
      headers: { "idempotency-key": key },
    });
  const [a, b] = [await reply(), await reply()];
  expect(b.body).toEqual(a.body);
  const email = `new-${key.slice(0, 8)}@test.test`;
  const add = () =>
    server.request("POST", "/api/v1/users", {
      token: org.admin.token,
      body: { role: "agent", name: "New", email, password: "a long enough password" },
      headers: { "idempotency-key": key },
    });
  const [c, d] = [await add(), await add()];
  expect(c.status).toBe(201);
  expect(d.body).toEqual(c.body);
  expect(await server.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
});

test("a malformed key → 400 naming the header", async () => {
  const res = await openWithKey("bad key with spaces", "x");
  expect(res.status).toBe(400);
  expect(res.body.error.details.issues[0]).toMatchObject({ location: "header", path: "Idempotency-Key" });
});
