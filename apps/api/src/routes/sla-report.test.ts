import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type SlaTarget, slaClocks, slaPolicies, type TicketPriority, tickets } from "@helpdesk/db/schema";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { recordBreach } from "../services/sla/record-breach.ts";
import { syncTicketSla } from "../services/sla/sync-ticket-sla.ts";
import { createTestOrg, type TestOrg, type TestUser } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
const now = Date.now();
const from = new Date(now - 10 * DAY);
const to = new Date(now + 10 * DAY);
const ago = (ms: number) => new Date(now - ms);

beforeAll(async () => {
  server = await startTestServer();
  [org, other] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
});
afterAll(() => server.close());

function report(actor: TestUser, query = `?from=${from.toISOString()}&to=${to.toISOString()}`) {
  return server.request("GET", `/api/v1/reports/sla${query}`, { token: actor.token });
}

/** A ticket of `org` (which has no policy: its only clocks are the ones written below). */
const ticket = async (priority: TicketPriority) => (await openTicket(server, org, { priority })).id;

/** One run, as the SLA sync would have stored it; it starts an hour before its deadline unless told. */
async function run(
  ticketId: string,
  target: SlaTarget,
  priority: TicketPriority,
  assigneeId: string | null,
  fields: {
    dueAt: Date | null;
    startedAt?: Date;
    metAt?: Date;
    businessSeconds?: number;
    stoppedAt?: Date;
    breachedAt?: Date;
  },
) {
  await server.db.insert(slaClocks).values({
    organizationId: org.id,
    ticketId,
    target,
    minutes: 60,
    priority,
    assigneeId,
    startedAt: fields.startedAt ?? new Date((fields.dueAt?.getTime() ?? now) - HOUR),
    ...fields,
  });
}

const none = { tickets: 0, met: 0, breached: 0, compliance: null };
const noSeconds = { median: null, p90: null };

describe("GET /reports/sla", () => {
  test("counts each target's runs per priority and per agent, with business-time percentiles", async () => {
    const a = org.agent.id;
    const b = org.agent2.id;
    const [t1, t2, t3, t4, t5, t6, t7, t8] = await Promise.all([
      ticket("urgent"),
      ticket("urgent"),
      ticket("urgent"),
      ticket("normal"),
      ticket("normal"),
      ticket("normal"),
      ticket("normal"),
      ticket("normal"),
    ]);
    const past = ago(DAY);
    const future = new Date(now + DAY);
    // Urgent.
    await run(t1, "first_response", "urgent", a, {
      dueAt: past,
      metAt: ago(DAY + 10 * MINUTE),
      businessSeconds: 600,
    });
    await run(t2, "first_response", "urgent", a, {
      dueAt: past,
      breachedAt: ago(DAY - 1_000),
      metAt: ago(DAY - 5 * MINUTE),
      businessSeconds: 2_100,
    });
    await run(t3, "first_response", "urgent", null, { dueAt: future });
    await run(t1, "resolution", "urgent", a, {
      dueAt: past,
      metAt: ago(DAY + MINUTE),
      businessSeconds: 3_600,
    });
    await run(t2, "resolution", "urgent", a, { dueAt: future, stoppedAt: ago(HOUR) });
    await run(t3, "resolution", "urgent", null, { dueAt: ago(HOUR) }); // overdue, breach not recorded yet
    // Normal.
    await run(t4, "first_response", "normal", b, {
      dueAt: past,
      metAt: ago(DAY - MINUTE),
      businessSeconds: 1_800,
    }); // met late, no breach row
    await run(t4, "next_response", "normal", b, {
      dueAt: ago(3 * DAY),
      metAt: ago(3 * DAY + MINUTE),
      businessSeconds: 120,
    });
    await run(t4, "next_response", "normal", b, {
      dueAt: ago(2 * DAY),
      metAt: ago(2 * DAY + MINUTE),
      businessSeconds: 240,
    });
    await run(t5, "first_response", "normal", b, {
      dueAt: past,
      metAt: ago(DAY + MINUTE),
      businessSeconds: 900,
    });
    await run(t5, "resolution", "normal", b, { dueAt: past, stoppedAt: ago(DAY - MINUTE) }); // stopped late
    await run(t6, "first_response", "normal", b, {
      dueAt: from, // the first instant of the period
      metAt: new Date(from.getTime() - MINUTE),
      businessSeconds: 300,
    });
    // Outside the period: due at its end, paused (no deadline), due before it.
    await run(t7, "first_response", "normal", b, {
      dueAt: to,
      metAt: new Date(to.getTime() - MINUTE),
      businessSeconds: 1,
    });
    await run(t8, "first_response", "normal", b, { dueAt: null, startedAt: ago(HOUR) });
    await run(t8, "resolution", "normal", a, {
      dueAt: new Date(from.getTime() - 1),
      metAt: new Date(from.getTime() - DAY),
      businessSeconds: 1,
    });

    const res = await report(org.admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: from.toISOString(),
      to: to.toISOString(),
      byPriority: [
        {
          priority: "urgent",
          targets: {
            firstResponse: { tickets: 3, met: 1, breached: 1, compliance: 50 },
            nextResponse: none,
            resolution: { tickets: 3, met: 1, breached: 1, compliance: 50 },
          },
          firstResponseSeconds: { median: 1_350, p90: 1_950 },
          resolutionSeconds: { median: 3_600, p90: 3_600 },
        },
        {
          priority: "normal",
          targets: {
            firstResponse: { tickets: 3, met: 2, breached: 1, compliance: 66.7 },
            nextResponse: { tickets: 1, met: 2, breached: 0, compliance: 100 },
            resolution: { tickets: 1, met: 0, breached: 1, compliance: 0 },
          },
          firstResponseSeconds: { median: 900, p90: 1_620 },
          resolutionSeconds: noSeconds,
        },
      ],
      byAgent: [
        {
          agentId: a,
          agentName: org.agent.name,
          targets: {
            firstResponse: { tickets: 2, met: 1, breached: 1, compliance: 50 },
            nextResponse: none,
            resolution: { tickets: 2, met: 1, breached: 0, compliance: 100 },
          },
          firstResponseSeconds: { median: 1_350, p90: 1_950 },
          resolutionSeconds: { median: 3_600, p90: 3_600 },
        },
        {
          agentId: b,
          agentName: org.agent2.name,
          targets: {
            firstResponse: { tickets: 3, met: 2, breached: 1, compliance: 66.7 },
            nextResponse: { tickets: 1, met: 2, breached: 0, compliance: 100 },
            resolution: { tickets: 1, met: 0, breached: 1, compliance: 0 },
          },
          firstResponseSeconds: { median: 900, p90: 1_620 },
          resolutionSeconds: noSeconds,
        },
        {
          agentId: null,
          agentName: null,
          targets: {
            firstResponse: { tickets: 1, met: 0, breached: 0, compliance: null },
            nextResponse: none,
            resolution: { tickets: 1, met: 0, breached: 1, compliance: 0 },
          },
          firstResponseSeconds: noSeconds,
          resolutionSeconds: noSeconds,
        },
      ],
    });

    // Another organization's report over the same period is empty.
    const theirs = await report(other.admin);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ byPriority: [], byAgent: [] });
  });

  test("three tickets through the SLA engine: one answered in time, one breached, one still running", async () => {
    const engineOrg = await createTestOrg(server.db, "Org C");
    await server.db.insert(slaPolicies).values({
      organizationId: engineOrg.id,
      name: "Standard",
      isDefault: true,
      targets: { high: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
      escalation: { notifyUserIds: [], reassignToId: null },
    });
    const open = () => openTicket(server, engineOrg, { priority: "high" });
    const answered = await open();
    await server.request("POST", `/api/v1/tickets/${answered.id}/messages`, {
      token: engineOrg.agent.token,
      body: { body: "On it" },
    });
    const breached = await open();
    await server.request("PATCH", `/api/v1/tickets/${breached.id}`, {
      token: engineOrg.agent.token,
      body: { assigneeId: engineOrg.agent2.id },
    });
    // Opened 45 minutes ago: its 30-minute first response is overdue.
    await server.db
      .update(tickets)
      .set({ createdAt: ago(45 * MINUTE) })
      .where(eq(tickets.id, breached.id));
    await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, breached.id));
    await syncTicketSla(server.context(), breached.id);
    const [overdue] = await server.db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, breached.id), eq(slaClocks.target, "first_response")));
    const recorded = await recordBreach(server.context(), {
      organizationId: engineOrg.id,
      ticketId: breached.id,
      target: "first_response",
      dueAt: overdue?.dueAt as Date,
    });
    expect(recorded.breached).toBe(true);
    await open(); // still running, due in 30 minutes
    const [met] = await server.db
      .select({ businessSeconds: slaClocks.businessSeconds })
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, answered.id), isNotNull(slaClocks.metAt)));
    const seconds = met?.businessSeconds ?? -1;
    expect(seconds).toBeGreaterThanOrEqual(0);

    const res = await report(
      engineOrg.admin,
      `?from=${new Date(now - DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}`,
    );
    expect(res.status).toBe(200);
    const resolutionRunning = { tickets: 1, met: 0, breached: 0, compliance: null };
    expect(res.body.byPriority).toEqual([
      {
        priority: "high",
        targets: {
          firstResponse: { tickets: 3, met: 1, breached: 1, compliance: 50 },
          nextResponse: none,
          resolution: { tickets: 3, met: 0, breached: 0, compliance: null },
        },
        firstResponseSeconds: { median: seconds, p90: seconds },
        resolutionSeconds: noSeconds,
      },
    ]);
    expect(res.body.byAgent).toEqual([
      {
        agentId: engineOrg.agent2.id,
        agentName: engineOrg.agent2.name,
        targets: {
          firstResponse: { tickets: 1, met: 0, breached: 1, compliance: 0 },
          nextResponse: none,
          resolution: resolutionRunning,
        },
        firstResponseSeconds: noSeconds,
        resolutionSeconds: noSeconds,
      },
      {
        agentId: null,
        agentName: null,
        targets: {
          firstResponse: { tickets: 2, met: 1, breached: 0, compliance: 100 },
          nextResponse: none,
          resolution: { ...resolutionRunning, tickets: 2 },
        },
        firstResponseSeconds: { median: seconds, p90: seconds },
        resolutionSeconds: noSeconds,
      },
    ]);
    // No run of it is still paused: every one of them has a deadline in the period.
    const paused = await server.db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.organizationId, engineOrg.id), isNull(slaClocks.dueAt)));
    expect(paused).toEqual([]);
  });

  test("customers and agents get 403", async () => {
    for (const actor of [org.customer, org.agent]) {
      const res = await report(actor);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  test("invalid periods answer 400 naming the field", async () => {
    const start = "2026-01-01T00:00:00.000Z";
    for (const [query, field] of [
      ["", "from"],
      [`?from=${start}`, "to"],
      [`?from=last-week&to=${start}`, "from"],
      [`?from=0000-12-31T00:00:00Z&to=${start}`, "from"],
      [`?from=${start}&to=2026-13-01T00:00:00Z`, "to"],
      [`?from=${start}&to=${start}`, "to"],
      [`?from=2026-02-01T00:00:00Z&to=${start}`, "to"],
      [`?from=${start}&to=2027-01-02T00:00:00.001Z`, "to"], // 366 days and a millisecond
    ]) {
      const res = await report(org.admin, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: field });
    }
    const longest = await report(org.admin, `?from=${start}&to=2027-01-02T00:00:00.000Z`);
    expect(longest.status).toBe(200);
  });
});
