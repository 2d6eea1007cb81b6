import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type TicketStatus, ticketStatuses } from "@helpdesk/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { type TicketBody, ticketInStatus } from "../../testing/tickets.ts";
import { canTransition } from "./status-machine.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

/** "from → to" for every pair of different statuses, so a missing row is a type error. */
type Transition = {
  [From in TicketStatus]: `${From} → ${Exclude<TicketStatus, From>}`;
}[TicketStatus];

/**
 * Every status change, and what PATCH /tickets/:id answers to the ticket's agent and to its customer.
 * 409: the state machine forbids it for everyone; 403: allowed to staff, but not to customers.
 */
const transitions: Record<Transition, { agent: number; customer: number }> = {
  "new → open": { agent: 200, customer: 403 },
  "new → pending": { agent: 200, customer: 403 },
  "new → resolved": { agent: 200, customer: 200 },
  "new → closed": { agent: 200, customer: 403 },
  "open → new": { agent: 409, customer: 409 },
  "open → pending": { agent: 200, customer: 403 },
  "open → resolved": { agent: 200, customer: 200 },
  "open → closed": { agent: 200, customer: 403 },
  "pending → new": { agent: 409, customer: 409 },
  "pending → open": { agent: 200, customer: 403 },
  "pending → resolved": { agent: 200, customer: 200 },
  "pending → closed": { agent: 200, customer: 403 },
  "resolved → new": { agent: 409, customer: 409 },
  "resolved → open": { agent: 200, customer: 200 },
  "resolved → pending": { agent: 409, customer: 409 },
  "resolved → closed": { agent: 200, customer: 403 },
  "closed → new": { agent: 409, customer: 409 },
  "closed → open": { agent: 409, customer: 409 },
  "closed → pending": { agent: 409, customer: 409 },
  "closed → resolved": { agent: 409, customer: 409 },
};

const parse = (key: string) => key.split(" → ") as [TicketStatus, TicketStatus];

const patch = (ticket: TicketBody, token: string, body: Record<string, unknown>) =>
  server.request<TicketBody>("PATCH", `/api/v1/tickets/${ticket.id}`, { token, body });

const reply = (ticket: TicketBody, token: string, body: string, internal = false) =>
  server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, { token, body: { body, internal } });

const reload = async (ticket: TicketBody) =>
  (await server.request<TicketBody>("GET", `/api/v1/tickets/${ticket.id}`, { token: org.agent.token })).body;

describe("status transitions", () => {
  test("the table covers every pair of statuses and agrees with status-machine.ts", () => {
    const pairs = ticketStatuses.flatMap((from) =>
      ticketStatuses.filter((to) => to !== from).map((to) => `${from} → ${to}`),
    );
    expect(Object.keys(transitions).sort()).toEqual(pairs.sort());
    for (const [key, expected] of Object.entries(transitions)) {
      const [from, to] = parse(key);
      expect({ key, agent: canTransition(from, to, false) }).toEqual({ key, agent: expected.agent === 200 });
      expect({ key, customer: canTransition(from, to, true) }).toEqual({
        key,
        customer: expected.customer === 200,
      });
    }
  });

  for (const [key, expected] of Object.entries(transitions)) {
    const [from, to] = parse(key);
    for (const role of ["agent", "customer"] as const) {
      test(`${key} as ${role} → ${expected[role]}`, async () => {
        const ticket = await ticketInStatus(server, org, from);
        const res = await patch(ticket, org[role].token, { status: to });
        expect(res.status).toBe(expected[role]);
        expect((await reload(ticket)).status).toBe(expected[role] === 200 ? to : from);
      });
    }
  }

  test("closed is final: priority and assignee can't change either", async () => {
    const ticket = await ticketInStatus(server, org, "closed");
    expect((await patch(ticket, org.agent.token, { priority: "urgent" })).status).toBe(409);
    expect((await patch(ticket, org.admin.token, { assigneeId: org.agent.id })).status).toBe(409);
  });

  test("setting the current status again is a no-op, not a conflict", async () => {
    const ticket = await ticketInStatus(server, org, "pending");
    const res = await patch(ticket, org.agent.token, { status: "pending" });
    expect(res.status).toBe(200);
    expect(res.body.updatedAt).toBe(ticket.updatedAt);
  });
});

describe("timestamps that follow the status", () => {
  test("resolving sets resolvedAt; reopening clears it", async () => {
    const ticket = await ticketInStatus(server, org, "open");
    const resolved = await patch(ticket, org.agent.token, { status: "resolved" });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const reopened = await patch(ticket, org.customer.token, { status: "open" });
    expect(reopened.body).toMatchObject({ status: "open", resolvedAt: null });
  });

  test("closing sets closedAt and closedReason 'manual'", async () => {
    const ticket = await ticketInStatus(server, org, "resolved");
    const res = await patch(ticket, org.agent.token, { status: "closed" });
    expect(res.body.closedAt).not.toBeNull();
    expect(res.body.closedReason).toBe("manual");
  });
});

describe("replies", () => {
  test("the first public agent reply sets firstResponseAt and opens a new ticket; later ones keep it", async () => {
    const ticket = await ticketInStatus(server, org, "new");
    expect(ticket.firstResponseAt).toBeNull();
    const sent = await reply(ticket, org.agent.token, "Looking into it");
    expect(sent.status).toBe(201);
    const first = await reload(ticket);
    expect(first.status).toBe("open");
    // One clock for the reply and the ticket: the first response is the reply's own time.
    expect(first.firstResponseAt).toBe(sent.body.createdAt);
    expect(first.updatedAt).toBe(sent.body.createdAt);

    expect((await reply(ticket, org.agent2.token, "Still on it")).status).toBe(201);
    expect((await reload(ticket)).firstResponseAt).toBe(first.firstResponseAt);
  });

  test("an internal note is not a first response and leaves the ticket new", async () => {
    const ticket = await ticketInStatus(server, org, "new");
    expect((await reply(ticket, org.agent.token, "Probably a duplicate", true)).status).toBe(201);
    expect(await reload(ticket)).toMatchObject({ status: "new", firstResponseAt: null });
  });

  test("a customer's reply on a pending or resolved ticket reopens it", async () => {
    for (const status of ["pending", "resolved"] as const) {
      const ticket = await ticketInStatus(server, org, status);
      expect((await reply(ticket, org.customer.token, "It happened again")).status).toBe(201);
      expect(await reload(ticket)).toMatchObject({ status: "open", resolvedAt: null });
    }
  });

  test("a customer's reply on a new ticket does not count as a first response", async () => {
    const ticket = await ticketInStatus(server, org, "new");
    expect((await reply(ticket, org.customer.token, "Any news?")).status).toBe(201);
    expect(await reload(ticket)).toMatchObject({ status: "new", firstResponseAt: null });
  });

  test("a refused reply (closed → 409, another customer's → 404) adds no message and publishes no event", async () => {
    const closed = await ticketInStatus(server, org, "closed");
    for (const user of [org.agent, org.customer]) {
      const res = await reply(closed, user.token, "Hello?");
      expect(res.status).toBe(409);
    }
    const others = await ticketInStatus(server, org, "open");
    expect((await reply(others, org.customer2.token, "Let me in")).status).toBe(404);
    for (const ticket of [closed, others]) {
      const after = await server.request("GET", `/api/v1/tickets/${ticket.id}`, { token: org.agent.token });
      expect(after.body.messages).toHaveLength(1);
      // The event would be an outbox row until relayed, then a job: neither exists.
      const rows = await server.db.execute(
        sql`select 1 from outbox_events where payload->>'ticketId' = ${ticket.id} and payload->>'type' = 'message.added'`,
      );
      expect(z.array(z.unknown()).parse(rows)).toEqual([]); // raw rows are untyped: read through a schema
      const jobs = await server.jobs
        .queue("ticket-notifications")
        .getJobs(["waiting", "active", "completed", "failed"]);
      expect(
        jobs.filter((job) => job.data.ticketId === ticket.id && job.data.type === "message.added"),
      ).toEqual([]);
    }
  });

  test("a reply racing the close either lands before it or is refused: never a message on a closed ticket", async () => {
    const tickets = await Promise.all(Array.from({ length: 10 }, () => ticketInStatus(server, org, "open")));
    const outcomes = await Promise.all(
      tickets.map(async (ticket) => {
        const [replied, closed] = await Promise.all([
          reply(ticket, org.customer.token, "one more thing"),
          server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
            token: org.agent.token,
            body: { status: "closed" },
          }),
        ]);
        expect(closed.status).toBe(200);
        const after = await server.request("GET", `/api/v1/tickets/${ticket.id}`, { token: org.agent.token });
        const added = after.body.messages.filter((m: { body: string }) => m.body === "one more thing");
        if (replied.status === 201) {
          // It got the row lock first: written before the close, which then closed it.
          expect(added).toHaveLength(1);
          expect(Date.parse(added[0].createdAt)).toBeLessThanOrEqual(Date.parse(after.body.closedAt));
        } else {
          expect(replied.status).toBe(409);
          expect(added).toEqual([]);
        }
        return replied.status;
      }),
    );
    expect(outcomes.every((status) => status === 201 || status === 409)).toBe(true);
  });

  test("two status changes racing: the second is decided on the first's result, never over it", async () => {
    // From open, both are allowed; once resolved, "pending" is not (resolved → pending is a 409).
    const tickets = await Promise.all(Array.from({ length: 10 }, () => ticketInStatus(server, org, "open")));
    const outcomes = await Promise.all(
      tickets.map(async (ticket) => {
        const [resolved, pending] = await Promise.all([
          patch(ticket, org.agent.token, { status: "resolved" }),
          patch(ticket, org.admin.token, { status: "pending" }),
        ]);
        expect(resolved.status).toBe(200); // allowed from open and from pending
        expect([200, 409]).toContain(pending.status);
        expect((await reload(ticket)).status).toBe("resolved");
        return pending.status;
      }),
    );
    // Each outcome is legal; which one happens is up to the race.
    expect(outcomes.every((status) => status === 200 || status === 409)).toBe(true);
  });

  test("a ticket id in upper case names the same ticket, and the reply names it as stored", async () => {
    const ticket = await ticketInStatus(server, org, "open");
    const res = await reply({ ...ticket, id: ticket.id.toUpperCase() }, org.customer.token, "Shouting id");
    expect(res.status).toBe(201);
    expect(res.body.ticketId).toBe(ticket.id);
  });

  test("a customer can't write an internal note → 403", async () => {
    const ticket = await ticketInStatus(server, org, "open");
    expect((await reply(ticket, org.customer.token, "psst", true)).status).toBe(403);
  });
});
