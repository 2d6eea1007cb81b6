import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { UserRole } from "@helpdesk/db/schema";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { type MessageBody, openTicket, type TicketBody } from "../testing/tickets.ts";

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
let ticketA: TicketBody;
beforeAll(async () => {
  server = await startTestServer();
  [orgA, orgB] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
  ticketA = await openTicket(server, orgA, { subject: "Org A secret" });
  const note = await server.request("POST", `/api/v1/tickets/${ticketA.id}/messages`, {
    token: orgA.agent.token,
    body: { body: "internal: customer is a VIP", internal: true },
  });
  expect(note.status).toBe(201);
});
afterAll(() => server.close());

const roles: readonly UserRole[] = ["customer", "agent", "admin"];

/** What the API answers for a ticket id that exists nowhere: another organization's must look the same. */
async function missingTicketError(method: string, suffix: string, body?: unknown) {
  const res = await server.request(method, `/api/v1/tickets/${crypto.randomUUID()}${suffix}`, {
    token: orgB.admin.token,
    body,
  });
  expect(res.status).toBe(404);
  return { code: res.body.error.code, message: res.body.error.message };
}

describe("another organization's tickets look like missing ones", () => {
  // Each body is one the role could send for a ticket of its own organization.
  const attempts: { name: string; method: string; suffix: string; body: (role: UserRole) => unknown }[] = [
    { name: "read", method: "GET", suffix: "", body: () => undefined },
    {
      name: "update",
      method: "PATCH",
      suffix: "",
      body: (role) => ({ status: role === "customer" ? "resolved" : "pending" }),
    },
    { name: "reply", method: "POST", suffix: "/messages", body: () => ({ body: "Let me in" }) },
  ];
  for (const attempt of attempts) {
    for (const role of roles) {
      test(`${attempt.name} as org B ${role} → 404`, async () => {
        const body = attempt.body(role);
        const res = await server.request(attempt.method, `/api/v1/tickets/${ticketA.id}${attempt.suffix}`, {
          token: orgB[role].token,
          body,
        });
        expect(res.status).toBe(404);
        const error = { code: res.body.error.code, message: res.body.error.message };
        expect(error).toEqual(await missingTicketError(attempt.method, attempt.suffix, body));
      });
    }
  }

  test("assign as org B agent or admin → 404", async () => {
    for (const actor of [orgB.agent, orgB.admin]) {
      const res = await server.request("PATCH", `/api/v1/tickets/${ticketA.id}`, {
        token: actor.token,
        body: { assigneeId: orgB.agent.id },
      });
      expect(res.status).toBe(404);
    }
  });

  test("assign as org B customer → 403 before any lookup, so it answers alike for every ticket id", async () => {
    // Customers may never assign; the refusal comes from the role alone and reveals nothing about the id.
    const ownTicket = await openTicket(server, orgB);
    for (const id of [ticketA.id, ownTicket.id, crypto.randomUUID()]) {
      const res = await server.request("PATCH", `/api/v1/tickets/${id}`, {
        token: orgB.customer.token,
        body: { assigneeId: orgB.agent.id },
      });
      expect(res.status).toBe(403);
    }
  });

  test("org A's ticket is untouched by all of the above", async () => {
    const res = await server.request("GET", `/api/v1/tickets/${ticketA.id}`, { token: orgA.agent.token });
    expect(res.body).toMatchObject({ status: "new", assigneeId: null, firstResponseAt: null });
    expect(res.body.messages).toHaveLength(2);
  });
});

describe("another organization's users", () => {
  test("PATCH /users/:id of org A as org B admin → 404, and the user is unchanged", async () => {
    const res = await server.request("PATCH", `/api/v1/users/${orgA.agent.id}`, {
      token: orgB.admin.token,
      body: { active: false },
    });
    expect(res.status).toBe(404);
    const me = await server.request("GET", "/api/v1/me", { token: orgA.agent.token });
    expect(me.status).toBe(200);
  });

  test("org A's agent as assignee → 400, the same answer as a nonexistent id", async () => {
    const ticketB = await openTicket(server, orgB);
    const assign = (assigneeId: string) =>
      server.request("PATCH", `/api/v1/tickets/${ticketB.id}`, {
        token: orgB.agent.token,
        body: { assigneeId },
      });
    const foreign = await assign(orgA.agent.id);
    const missing = await assign(crypto.randomUUID());
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual(missing.body.error.details);
    expect(foreign.body.error.details.issues[0].path).toBe("assigneeId");
  });

  test("org A's customer as customerId → 400, the same answer as a nonexistent id", async () => {
    const open = (customerId: string) =>
      server.request("POST", "/api/v1/tickets", {
        token: orgB.agent.token,
        body: { subject: "Hello", body: "World", customerId },
      });
    const foreign = await open(orgA.customer.id);
    const missing = await open(crypto.randomUUID());
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual(missing.body.error.details);
    expect(foreign.body.error.details.issues[0].path).toBe("customerId");
  });
});

describe("lists stay inside the organization", () => {
  test("GET /tickets never includes org A's tickets, whatever the filters", async () => {
    const ticketB = await openTicket(server, orgB, { subject: "Org A secret too" });
    // Query → whether org B's own "secret" ticket should be listed (so an empty list can't pass by accident).
    const queries = {
      "": true,
      "?q=secret": true,
      [`?customerId=${orgA.customer.id}`]: false,
      [`?assigneeId=${orgA.agent.id}`]: false,
    };
    for (const role of roles) {
      for (const [query, listsTicketB] of Object.entries(queries)) {
        const res = await server.request<{ data: TicketBody[] }>("GET", `/api/v1/tickets${query}`, {
          token: orgB[role].token,
        });
        expect(res.status).toBe(200);
        const ids = res.body.data.map((ticket) => ticket.id);
        expect(ids).not.toContain(ticketA.id);
        expect(ids.includes(ticketB.id)).toBe(listsTicketB);
        for (const ticket of res.body.data) expect(ticket.organizationId).toBe(orgB.id);
      }
    }
  });

  test("GET /users never includes org A's users", async () => {
    const orgAUserIds = [orgA.admin, orgA.agent, orgA.agent2, orgA.customer, orgA.customer2].map((u) => u.id);
    for (const role of roles) {
      const res = await server.request<{ data: { id: string; organizationId: string }[] }>(
        "GET",
        "/api/v1/users?limit=100",
        { token: orgB[role].token },
      );
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
      for (const user of res.body.data) {
        expect(user.organizationId).toBe(orgB.id);
        expect(orgAUserIds).not.toContain(user.id);
      }
    }
  });
});

describe("customers of one organization", () => {
  test("a customer cannot read, update or reply to another customer's ticket (404)", async () => {
    const token = orgA.customer2.token;
    const read = await server.request("GET", `/api/v1/tickets/${ticketA.id}`, { token });
    const update = await server.request("PATCH", `/api/v1/tickets/${ticketA.id}`, {
      token,
      body: { status: "resolved" },
    });
    const reply = await server.request("POST", `/api/v1/tickets/${ticketA.id}/messages`, {
      token,
      body: { body: "Hi" },
    });
    expect([read.status, update.status, reply.status]).toEqual([404, 404, 404]);
  });

  test("a customer's list shows only their own tickets, even when filtering for another customer", async () => {
    const res = await server.request<{ data: TicketBody[] }>(
      "GET",
      `/api/v1/tickets?customerId=${orgA.customer.id}`,
      { token: orgA.customer2.token },
    );
    expect(res.body.data).toEqual([]);
  });

  test("a customer never sees internal notes; staff do", async () => {
    const bodies = async (token: string) => {
      const res = await server.request<{ messages: MessageBody[] }>("GET", `/api/v1/tickets/${ticketA.id}`, {
        token,
      });
      expect(res.status).toBe(200);
      return res.body.messages.map((message) => ({ body: message.body, internal: message.internal }));
    };
    expect(await bodies(orgA.customer.token)).toEqual([
      { body: "It started this morning.", internal: false },
    ]);
    expect(await bodies(orgA.agent.token)).toContainEqual({
      body: "internal: customer is a VIP",
      internal: true,
    });
  });
});
