import { afterAll, beforeAll, expect, test } from "bun:test";
import { ticketMessages } from "@helpdesk/db/schema";
import { uniquePrefix } from "@helpdesk/jobs/testing/wait-for";
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

/** `n` messages after the ticket's first, a millisecond apart, every third an internal note. */
async function ticketWith(n: number) {
  const ticket = await openTicket(server, org);
  const start = Date.now();
  await server.db.insert(ticketMessages).values(
    Array.from({ length: n }, (_, i) => ({
      organizationId: org.id,
      ticketId: ticket.id,
      authorId: i % 3 === 2 ? org.agent.id : org.customer.id,
      body: `message ${i + 1}`,
      internal: i % 3 === 2,
      createdAt: new Date(start + (i + 1) * 1_000),
    })),
  );
  return ticket;
}

test("the ticket carries its latest 50 messages, oldest first, and a cursor to the older ones", async () => {
  const ticket = await ticketWith(120);
  const detail = await server.request("GET", `/api/v1/tickets/${ticket.id}`, { token: org.agent.token });
  expect(detail.body.messages).toHaveLength(50);
  expect(detail.body.messages.at(-1).body).toBe("message 120");
  expect(detail.body.messages[0].body).toBe("message 71");
  expect(detail.body.olderMessagesCursor).toBeString();

  const seen: string[] = detail.body.messages.map((m: { body: string }) => m.body);
  let cursor = detail.body.olderMessagesCursor;
  while (cursor) {
    const page = await server.request(
      "GET",
      `/api/v1/tickets/${ticket.id}/messages?limit=30&cursor=${cursor}`,
      {
        token: org.agent.token,
      },
    );
    expect(page.status).toBe(200);
    seen.unshift(...page.body.data.map((m: { body: string }) => m.body).reverse());
    cursor = page.body.nextCursor;
  }
  expect(seen).toHaveLength(121); // with the ticket's first message
  expect(new Set(seen).size).toBe(121);
});

test("customers page through public messages only; another organization's ticket is 404", async () => {
  const ticket = await ticketWith(9);
  const page = await server.request("GET", `/api/v1/tickets/${ticket.id}/messages`, {
    token: org.customer.token,
  });
  expect(page.body.data.every((m: { internal: boolean }) => !m.internal)).toBe(true);
  expect(page.body.data).toHaveLength(7); // 10 messages, 3 of them notes
  const other = await createTestOrg(server.db);
  expect(
    (await server.request("GET", `/api/v1/tickets/${ticket.id}/messages`, { token: other.agent.token }))
      .status,
  ).toBe(404);
});

test("posting messages is throttled per user: 429 with Retry-After past the budget", async () => {
  const throttled = await startTestServer({ MESSAGES_PER_MINUTE: 3, QUEUE_PREFIX: uniquePrefix("messages") });
  try {
    const ticket = await openTicket(throttled, org);
    const post = (token: string) =>
      throttled.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body: "again" } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(org.customer.token)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await post(org.customer.token);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user's budget is their own.
    expect((await post(org.agent.token)).status).toBe(201);
  } finally {
    await throttled.close();
  }
});
