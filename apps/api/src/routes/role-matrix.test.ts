import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { notifications, reportExports, slaPolicies, type UserRole } from "@helpdesk/db/schema";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { deadLetter, failedJob, waitingJob } from "../testing/jobs.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";
import { apiRoutes } from "./index.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

async function slaPolicy() {
  const [row] = await server.db
    .insert(slaPolicies)
    .values({
      organizationId: org.id,
      name: "Matrix",
      targets: {},
      escalation: { notifyUserIds: [], reassignToId: null },
    })
    .returning();
  if (!row) throw new Error("sla policy insert returned nothing");
  return row;
}

interface Row extends Record<UserRole, number> {
  /** A request that is valid for every role, so an allowed call succeeds and a refusal can only be the role. */
  request: (role: UserRole) => Promise<{ path: string; body?: unknown }>;
}

/**
 * Who may call what: every authenticated route × role → the status the API must answer. The job
 * routes also admit the platform operator (OPERATOR_TOKEN), who is no user role: admin-jobs.test.ts.
 */
const matrix: Record<string, Row> = {
  "GET /me": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/me" }),
  },
  "GET /organization": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/organization" }),
  },
  "PATCH /organization": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/organization", body: { autoCloseDays: 7 } }),
  },
  "POST /users": {
    customer: 403,
    agent: 403,
    admin: 201,
    request: async () => ({
      path: "/users",
      body: {
        name: "New Agent",
        email: `new-${crypto.randomUUID()}@example.test`,
        password: "a long enough password",
        role: "agent",
      },
    }),
  },
  "GET /users": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/users" }),
  },
  "PATCH /users/:id": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: `/users/${org.customer2.id}`, body: { name: "Renamed Customer" } }),
  },
  "POST /tickets": {
    customer: 201,
    agent: 201,
    admin: 201,
    request: async () => ({
      path: "/tickets",
      body: { subject: "Cannot log in", body: "Since yesterday.", customerId: org.customer.id },
    }),
  },
  "GET /tickets": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/tickets" }),
  },
  "GET /tickets/:id": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/tickets/${(await openTicket(server, org)).id}` }),
  },
  "PATCH /tickets/:id": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({
      path: `/tickets/${(await openTicket(server, org)).id}`,
      body: { status: "resolved" },
    }),
  },
  "GET /tickets/:id/messages": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/tickets/${(await openTicket(server, org)).id}/messages` }),
  },
  "POST /tickets/:id/messages": {
    customer: 201,
    agent: 201,
    admin: 201,
    request: async () => ({
      path: `/tickets/${(await openTicket(server, org)).id}/messages`,
      body: { body: "Any news?" },
    }),
  },
  "GET /tickets/:id/followers": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/tickets/${(await openTicket(server, org)).id}/followers` }),
  },
  "POST /tickets/:id/followers": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/tickets/${(await openTicket(server, org)).id}/followers`, body: {} }),
  },
  "DELETE /tickets/:id/followers": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/tickets/${(await openTicket(server, org)).id}/followers`, body: {} }),
  },
  "GET /notifications": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/notifications" }),
  },
  "POST /notifications/read-all": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/notifications/read-all" }),
  },
  "POST /notifications/:id/read": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async (role) => {
      const [row] = await server.db
        .insert(notifications)
        .values({
          organizationId: org.id,
          userId: org[role].id,
          type: "ticket.created",
          eventIds: ["matrix"],
        })
        .returning();
      return { path: `/notifications/${row?.id}/read` };
    },
  },
  "GET /me/notification-preferences": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/me/notification-preferences" }),
  },
  "PUT /me/notification-preferences": {
    customer: 200,
    agent: 200,
    admin: 200,
    request: async () => ({
      path: "/me/notification-preferences",
      body: { preferences: [{ type: "ticket.assigned", email: true }] },
    }),
  },
  "POST /sla-policies": {
    customer: 403,
    agent: 403,
    admin: 201,
    request: async () => ({ path: "/sla-policies", body: { name: "Matrix", targets: {} } }),
  },
  "GET /sla-policies": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/sla-policies" }),
  },
  "GET /sla-policies/:id": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: `/sla-policies/${(await slaPolicy()).id}` }),
  },
  "PATCH /sla-policies/:id": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: `/sla-policies/${(await slaPolicy()).id}`, body: { name: "Renamed" } }),
  },
  "DELETE /sla-policies/:id": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: `/sla-policies/${(await slaPolicy()).id}` }),
  },
  "GET /sla-breaches": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/sla-breaches" }),
  },
  "GET /reports/sla": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/reports/sla?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z" }),
  },
  "GET /reports/weekly": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/reports/weekly?week=2026-W49" }),
  },
  "POST /reports/exports": {
    customer: 403,
    agent: 202,
    admin: 202,
    request: async () => ({
      path: "/reports/exports",
      body: { type: "tickets", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
    }),
  },
  "GET /reports/exports": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async () => ({ path: "/reports/exports" }),
  },
  "GET /reports/exports/:id": {
    customer: 403,
    agent: 200,
    admin: 200,
    request: async (role) => {
      const [row] = await server.db
        .insert(reportExports)
        .values({
          organizationId: org.id,
          requesterId: org[role].id,
          type: "tickets",
          params: { from: "2026-01-01T00:00:00.000Z", to: "2026-02-01T00:00:00.000Z", filters: {} },
        })
        .returning();
      return { path: `/reports/exports/${row?.id}` };
    },
  },
  "GET /admin/jobs/stats": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/admin/jobs/stats" }),
  },
  "GET /admin/jobs/schedulers": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/admin/jobs/schedulers" }),
  },
  "POST /admin/jobs/schedulers/:id/run": {
    customer: 403,
    agent: 403,
    admin: 202,
    request: async () => ({ path: "/admin/jobs/schedulers/sla.scan/run" }),
  },
  "GET /admin/jobs/dead-letters": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/admin/jobs/dead-letters" }),
  },
  "POST /admin/jobs/dead-letters/:id/retry": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => {
      const row = await deadLetter(server, org.id, (await openTicket(server, org)).id);
      return { path: `/admin/jobs/dead-letters/${row.id}/retry`, body: {} };
    },
  },
  "GET /admin/jobs/:queue/stats": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => ({ path: "/admin/jobs/ticket-notifications/stats" }),
  },
  "GET /admin/jobs/:queue/:jobId": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => {
      const job = await waitingJob(server, org.id);
      return { path: `/admin/jobs/${job.queue}/${job.id}` };
    },
  },
  "POST /admin/jobs/:queue/:jobId/retry": {
    customer: 403,
    agent: 403,
    admin: 200,
    request: async () => {
      const job = await failedJob(server, org.id);
      return { path: `/admin/jobs/${job.queue}/${job.id}/retry` };
    },
  },
};

const roles: readonly UserRole[] = ["customer", "agent", "admin"];
const authenticatedRoutes = apiRoutes.filter((spec) => spec.access !== "public");
const routeKey = (spec: { method: string; path: string }) => `${spec.method.toUpperCase()} ${spec.path}`;

describe("role matrix", () => {
  test("has a row for exactly the authenticated routes of apiRoutes", () => {
    expect(Object.keys(matrix).sort()).toEqual(authenticatedRoutes.map(routeKey).sort());
  });

  for (const [key, row] of Object.entries(matrix)) {
    const [method = ""] = key.split(" ");
    for (const role of roles) {
      test(`${key} as ${role} → ${row[role]}`, async () => {
        const { path, body } = await row.request(role);
        const res = await server.request(method, `/api/v1${path}`, { token: org[role].token, body });
        expect(res.status).toBe(row[role]);
        if (row[role] === 403) expect(res.body.error.code).toBe("forbidden");
      });
    }
  }
});

describe("without a token", () => {
  test("every authenticated route answers 401", async () => {
    for (const spec of authenticatedRoutes) {
      const path = `/api/v1${spec.path.replace(/:\w+/g, () => crypto.randomUUID())}`;
      const body = spec.method === "get" ? undefined : {};
      const res = await server.request(spec.method.toUpperCase(), path, { body });
      expect({ route: routeKey(spec), status: res.status }).toEqual({ route: routeKey(spec), status: 401 });
      expect(res.body.error.code).toBe("unauthorized");
    }
  });
});
