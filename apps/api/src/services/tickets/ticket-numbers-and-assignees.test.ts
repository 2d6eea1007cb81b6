import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { openTicket, type TicketBody } from "../../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

describe("ticket numbers", () => {
  test("are 1..N per organization with no gaps or duplicates, even when created concurrently", async () => {
    const [first, second] = await Promise.all([createTestOrg(server.db), createTestOrg(server.db)]);
    const perOrg = 12;
    const created = await Promise.all(
      [first, second].flatMap((owner) => Array.from({ length: perOrg }, () => openTicket(server, owner))),
    );
    const expected = Array.from({ length: perOrg }, (_, i) => i + 1);
    for (const owner of [first, second]) {
      const numbers = created
        .filter((ticket) => ticket.organizationId === owner.id)
        .map((ticket) => ticket.number)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(expected);
    }
  });

  test("the created ticket answered is the one stored, with its first message and its event", async () => {
    const created = await server.request<TicketBody>("POST", "/api/v1/tickets", {
      token: org.customer.token,
      body: { subject: "  Printer on fire ", body: "Smoke everywhere", priority: "high" },
    });
    expect(created.status).toBe(201);
    const stored = await server.request<
      TicketBody & { messages: { body: string; createdAt: string }[]; olderMessagesCursor: string | null }
    >("GET", `/api/v1/tickets/${created.body.id}`, { token: org.agent.token });
    const { messages, olderMessagesCursor, ...ticket } = stored.body;
    expect(olderMessagesCursor).toBeNull();
    expect(ticket).toEqual(created.body);
    expect(created.body).toMatchObject({ subject: "Printer on fire", status: "new", priority: "high" });
    expect(messages.map((m) => [m.body, m.createdAt])).toEqual([
      ["Smoke everywhere", created.body.createdAt],
    ]);
    // Its event, written by the same statement, reaches the queue once.
    const queue = server.jobs.queue("ticket-notifications");
    const events = await waitFor("the ticket.created job", async () => {
      const jobs = await queue.getJobs(["waiting", "active", "delayed", "completed", "failed"]);
      const mine = jobs.filter((job) => job?.data?.ticketId === created.body.id);
      return mine.length > 0 ? mine : undefined;
    });
    expect(events.map((job) => job.data.type)).toEqual(["ticket.created"]);
  });

  test("a refused ticket uses up no number", async () => {
    const owner = await createTestOrg(server.db);
    const refused = await server.request("POST", "/api/v1/tickets", {
      token: owner.agent.token,
      body: { subject: "Hi", body: "There", customerId: owner.agent.id },
    });
    expect(refused.status).toBe(400);
    expect((await openTicket(server, owner)).number).toBe(1);
  });
});

describe("assignee", () => {
  const assign = (ticket: TicketBody, assigneeId: string | null, token = org.admin.token) =>
    server.request("PATCH", `/api/v1/tickets/${ticket.id}`, { token, body: { assigneeId } });

  test("an active agent or admin can be assigned, and null unassigns", async () => {
    const ticket = await openTicket(server, org);
    for (const assignee of [org.agent2, org.admin]) {
      const res = await assign(ticket, assignee.id, org.agent.token);
      expect(res.status).toBe(200);
      expect(res.body.assigneeId).toBe(assignee.id);
    }
    const unassigned = await assign(ticket, null);
    expect(unassigned.status).toBe(200);
    expect(unassigned.body.assigneeId).toBeNull();
  });

  test("a customer, a deactivated agent or an unknown id → 400 on assigneeId, and nothing changes", async () => {
    const ticket = await openTicket(server, org);
    await assign(ticket, org.agent.id);
    const inactive = await org.addUser("agent", { active: false });
    for (const candidate of [org.customer.id, inactive.id, crypto.randomUUID()]) {
      const res = await assign(ticket, candidate);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: "assigneeId" })]);
    }
    const after = await server.request<TicketBody>("GET", `/api/v1/tickets/${ticket.id}`, {
      token: org.admin.token,
    });
    expect(after.body.assigneeId).toBe(org.agent.id);
  });

  test("an agent deactivated through PATCH /users can no longer be assigned", async () => {
    const ticket = await openTicket(server, org);
    const leaving = await org.addUser("agent");
    const deactivate = await server.request("PATCH", `/api/v1/users/${leaving.id}`, {
      token: org.admin.token,
      body: { active: false },
    });
    expect(deactivate.status).toBe(200);
    expect((await assign(ticket, leaving.id)).status).toBe(400);
  });
});
