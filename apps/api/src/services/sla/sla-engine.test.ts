import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { notifications, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { and, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { openTicket } from "../../testing/tickets.ts";
import { recordBreach } from "./record-breach.ts";
import { scanSla } from "./scan-sla.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

const MINUTE = 60_000;
let server: TestServer;
let org: TestOrg;
let policyId: string;

beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
  const [policy] = await server.db
    .insert(slaPolicies)
    .values({
      organizationId: org.id,
      name: "Standard",
      isDefault: true,
      targets: {
        normal: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
        urgent: { firstResponseMinutes: 10, resolutionMinutes: 60 },
      },
      businessHours: null,
      escalation: { notifyUserIds: [org.agent2.id], reassignToId: null },
    })
    .returning();
  policyId = policy?.id ?? "";
});
afterAll(() => server.close());

const agent = () => ({ token: org.agent.token });
const clocksOf = (ticketId: string) =>
  server.db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticketId)).orderBy(slaClocks.startedAt);
const running = async (ticketId: string, target: string) =>
  (await clocksOf(ticketId)).find((clock) => clock.target === target && !clock.metAt && !clock.stoppedAt);
/** Moves a ticket's history back, as if it had been opened `minutes` ago. */
async function age(ticketId: string, minutes: number) {
  await server.db
    .update(tickets)
    .set({ createdAt: new Date(Date.now() - minutes * MINUTE) })
    .where(eq(tickets.id, ticketId));
  await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, ticketId));
  await syncTicketSla(server.context(), ticketId);
}

describe("deadlines", () => {
  test("a new ticket gets the default policy, its deadlines in its answer, and their timers", async () => {
    const before = Date.now();
    const ticket = await openTicket(server, org);
    expect(ticket.sla?.policyId).toBe(policyId);
    expect(ticket.sla?.firstResponse).toMatchObject({ state: "ok" });
    const due = new Date(ticket.sla?.firstResponse?.dueAt ?? 0).getTime();
    expect(due - before).toBeGreaterThanOrEqual(30 * MINUTE - 1_000);
    expect(due - before).toBeLessThan(30 * MINUTE + 5_000);
    expect(ticket.sla?.nextResponse).toBeNull();
    const check = await server.jobs
      .queue("sla")
      .getJob(jobIdFor(org.id, `sla-check-${ticket.id}-first_response-${due}`));
    expect(await check?.getState()).toBe("delayed");
    // Customers don't see deadlines.
    const asCustomer = await server.request("GET", `/api/v1/tickets/${ticket.id}`, {
      token: org.customer.token,
    });
    expect(asCustomer.body.sla).toBeNull();
  });

  test("answered in time: met, no breach; the customer's answer starts a next response", async () => {
    const ticket = await openTicket(server, org);
    await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      ...agent(),
      body: { body: "On it" },
    });
    const after = await server.request("GET", `/api/v1/tickets/${ticket.id}`, agent());
    expect(after.body.sla.firstResponse.state).toBe("met");
    await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      token: org.customer.token,
      body: { body: "Still broken" },
    });
    const waiting = await server.request("GET", `/api/v1/tickets/${ticket.id}`, agent());
    expect(waiting.body.sla.nextResponse.state).toBe("ok");
    expect(await server.db.select().from(slaBreaches).where(eq(slaBreaches.ticketId, ticket.id))).toEqual([]);
  });

  test("a priority change moves the deadlines and their timers", async () => {
    const ticket = await openTicket(server, org);
    const urgent = await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      ...agent(),
      body: { priority: "urgent" },
    });
    const due = new Date(urgent.body.sla.firstResponse.dueAt).getTime();
    expect(due - new Date(ticket.sla?.firstResponse?.dueAt ?? 0).getTime()).toBeLessThan(-19 * MINUTE);
    const check = await server.jobs
      .queue("sla")
      .getJob(jobIdFor(org.id, `sla-check-${ticket.id}-first_response-${due}`));
    expect(check).toBeDefined();
  });

  test("time pending does not count; a pause shows as paused", async () => {
    const ticket = await openTicket(server, org);
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      ...agent(),
      body: { status: "pending" },
    });
    const paused = await server.request("GET", `/api/v1/tickets/${ticket.id}`, agent());
    expect(paused.body.sla.resolution.state).toBe("paused");
    expect(paused.body.sla.resolution.dueAt).toBeNull();
    expect(await running(ticket.id, "resolution")).toMatchObject({ dueAt: null });
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, { ...agent(), body: { status: "open" } });
    const resumed = await running(ticket.id, "resolution");
    expect(resumed?.dueAt?.getTime()).toBeGreaterThan(new Date(ticket.createdAt).getTime() + 240 * MINUTE);
    expect(resumed?.pauses).toHaveLength(1);
  });

  test("a reopened ticket gets a new resolution deadline", async () => {
    const ticket = await openTicket(server, org);
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      ...agent(),
      body: { status: "resolved" },
    });
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, { ...agent(), body: { status: "open" } });
    const resolutions = (await clocksOf(ticket.id)).filter((clock) => clock.target === "resolution");
    expect(resolutions).toHaveLength(2);
    expect(resolutions[0]?.metAt).not.toBeNull();
    expect(resolutions[1]?.metAt).toBeNull();
  });
});

describe("breaches", () => {
  test("50 checks of one deadline at once: one breach, one notification per recipient", async () => {
    const ticket = await openTicket(server, org);
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      ...agent(),
      body: { assigneeId: org.agent.id },
    });
    await age(ticket.id, 45);
    const clock = await running(ticket.id, "first_response");
    const deadline = {
      organizationId: org.id,
      ticketId: ticket.id,
      target: "first_response" as const,
      dueAt: clock?.dueAt as Date,
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => recordBreach(server.context(), deadline)),
    );
    expect(results.filter((result) => result.breached)).toHaveLength(1);
    expect(
      await server.db.select().from(slaBreaches).where(eq(slaBreaches.ticketId, ticket.id)),
    ).toHaveLength(1);
    const view = await server.request("GET", `/api/v1/tickets/${ticket.id}`, agent());
    expect(view.body.sla.firstResponse.state).toBe("breached");
    // Told once, through the outbox to the fan-out's queue: the breach is in one batch.
    const [breach] = await server.db.select().from(slaBreaches).where(eq(slaBreaches.ticketId, ticket.id));
    await server.jobs.relay.idle();
    const jobs = await server.jobs
      .queue("ticket-notifications")
      .getJobs(["waiting", "prioritized", "delayed"]);
    const told = jobs.filter(
      (job) => job.name === "sla.breaches" && job.data.breachIds.includes(breach?.id ?? ""),
    );
    expect(told).toHaveLength(1);
  });

  test("a timer for a deadline that moved, or was met, records nothing", async () => {
    const ticket = await openTicket(server, org);
    await age(ticket.id, 45);
    const clock = await running(ticket.id, "first_response");
    await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      ...agent(),
      body: { body: "Late" },
    });
    const result = await recordBreach(server.context(), {
      organizationId: org.id,
      ticketId: ticket.id,
      target: "first_response",
      dueAt: clock?.dueAt as Date,
    });
    expect(result.breached).toBe(false);
  });

  test("the scan records a breach whose timer was lost", async () => {
    const ticket = await openTicket(server, org);
    await age(ticket.id, 45);
    await server.jobs.queue("sla").obliterate({ force: true }); // every timer lost
    const result = await scanSla(server.context(), { graceMs: 0 });
    expect(result.breached).toBeGreaterThanOrEqual(1);
    const [breach] = await server.db
      .select()
      .from(slaBreaches)
      .where(and(eq(slaBreaches.ticketId, ticket.id), eq(slaBreaches.target, "first_response")));
    expect(breach).toBeDefined();
  });

  test("the scan brings up to date a ticket whose sync never ran", async () => {
    const ticket = await openTicket(server, org);
    await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, ticket.id));
    await server.db
      .update(tickets)
      .set({ slaDirty: true, updatedAt: new Date(Date.now() - MINUTE) })
      .where(eq(tickets.id, ticket.id));
    expect((await scanSla(server.context(), { graceMs: 0 })).synced).toBeGreaterThanOrEqual(1);
    expect(await running(ticket.id, "first_response")).toBeDefined();
  });

  test("a scan for one organization (an admin's run now) leaves the others' tickets alone", async () => {
    const ticket = await openTicket(server, org);
    await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, ticket.id));
    await server.db
      .update(tickets)
      .set({ slaDirty: true, updatedAt: new Date(Date.now() - MINUTE) })
      .where(eq(tickets.id, ticket.id));
    const elsewhere = await createTestOrg(server.db, "Elsewhere");
    expect(await scanSla(server.context(), { graceMs: 0, organizationId: elsewhere.id })).toEqual({
      synced: 0,
      breached: 0,
    });
    expect(await running(ticket.id, "first_response")).toBeUndefined();
    expect(
      (await scanSla(server.context(), { graceMs: 0, organizationId: org.id })).synced,
    ).toBeGreaterThanOrEqual(1);
    expect(await running(ticket.id, "first_response")).toBeDefined();
  });

  test("the SLA list filters: at risk and breached, nearest deadline first", async () => {
    const atRisk = await openTicket(server, org, { subject: "at risk" });
    await age(atRisk.id, 25); // 25 of 30 minutes: past the 80% mark
    const late = await openTicket(server, org, { subject: "late" });
    await age(late.id, 45);
    const risky = await server.request("GET", "/api/v1/tickets?sla=at_risk", agent());
    expect(risky.body.data.map((t: { id: string }) => t.id)).toContain(atRisk.id);
    expect(risky.body.data.map((t: { id: string }) => t.id)).not.toContain(late.id);
    const breached = await server.request("GET", "/api/v1/tickets?sla=breached", agent());
    expect(breached.body.data.map((t: { id: string }) => t.id)).toContain(late.id);
    const dues = breached.body.data
      .map((t: { sla: { firstResponse: { dueAt: string } | null } }) => t.sla?.firstResponse?.dueAt)
      .filter(Boolean);
    expect(dues).toEqual([...dues].sort());
    expect(
      (await server.request("GET", "/api/v1/tickets?sla=breached", { token: org.customer.token })).status,
    ).toBe(403);
  });

  test("another organization's tickets, clocks and breaches stay apart", async () => {
    const other = await createTestOrg(server.db);
    const ticket = await openTicket(server, other);
    expect(ticket.sla).toBeNull(); // that organization has no policy
    expect(
      await server.db.select().from(notifications).where(eq(notifications.organizationId, other.id)),
    ).toEqual([]);
  });
});
