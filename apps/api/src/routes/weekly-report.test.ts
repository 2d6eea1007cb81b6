import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  type SlaTarget,
  slaClocks,
  type TicketStatus,
  ticketStatusChanges,
  tickets,
} from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { lastCompleteWeek } from "../services/reports/schedule-periods.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { setSchedules } from "../testing/schedules.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  [org, other] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
  await setSchedules(server.db, org.id, { timezone: "Europe/Paris" });
  await setSchedules(server.db, other.id, { timezone: "Europe/Paris" });
});
afterAll(() => server.close());

const at = (iso: string) => new Date(iso);

/** A ticket of `owner` as it stands, created at `createdAt`. */
async function ticket(
  owner: TestOrg,
  fields: {
    createdAt: string;
    status: TicketStatus;
    priority: "low" | "normal" | "high" | "urgent";
    assigneeId?: string;
  },
) {
  const { id } = await openTicket(server, owner, { priority: fields.priority });
  await server.db
    .update(tickets)
    .set({ createdAt: at(fields.createdAt), status: fields.status, assigneeId: fields.assigneeId ?? null })
    .where(eq(tickets.id, id));
  return id;
}

async function resolvedAt(owner: TestOrg, ticketId: string, changedAt: string) {
  await server.db.insert(ticketStatusChanges).values({
    organizationId: owner.id,
    ticketId,
    fromStatus: "open",
    toStatus: "resolved",
    changedAt: at(changedAt),
  });
}

async function run(
  owner: TestOrg,
  ticketId: string,
  target: SlaTarget,
  fields: { assigneeId: string; dueAt: string; metAt: string; businessSeconds: number },
) {
  const dueAt = at(fields.dueAt);
  await server.db.insert(slaClocks).values({
    organizationId: owner.id,
    ticketId,
    target,
    minutes: 60,
    priority: "normal",
    assigneeId: fields.assigneeId,
    startedAt: new Date(dueAt.getTime() - 3_600_000),
    dueAt,
    metAt: at(fields.metAt),
    businessSeconds: fields.businessSeconds,
  });
}

const week = (token: string, query = "?week=2031-W10") =>
  server.request("GET", `/api/v1/reports/weekly${query}`, { token });

describe("GET /reports/weekly", () => {
  test("a week in the organization's zone: volume, SLA compliance, medians, per agent", async () => {
    // 2031-W10 in Paris: Monday 3 March 00:00 (23:00 UTC the day before) to Monday 10 March 00:00.
    const t1 = await ticket(org, {
      createdAt: "2031-03-03T08:00:00Z",
      status: "resolved",
      priority: "urgent",
      assigneeId: org.agent.id,
    });
    const t2 = await ticket(org, {
      createdAt: "2031-03-09T22:30:00Z", // Sunday 23:30 in Paris: in the week
      status: "open",
      priority: "normal",
      assigneeId: org.agent2.id,
    });
    const t3 = await ticket(org, { createdAt: "2031-03-09T23:30:00Z", status: "new", priority: "low" }); // Monday
    const t4 = await ticket(org, {
      createdAt: "2031-03-02T22:30:00Z", // the Sunday before
      status: "resolved",
      priority: "high",
      assigneeId: org.agent.id,
    });
    await resolvedAt(org, t1, "2031-03-04T10:00:00Z");
    await resolvedAt(org, t4, "2031-03-05T10:00:00Z");
    await resolvedAt(org, t4, "2031-03-06T10:00:00Z"); // resolved again: one ticket
    await run(org, t1, "first_response", {
      assigneeId: org.agent.id,
      dueAt: "2031-03-03T09:00:00Z",
      metAt: "2031-03-03T08:30:00Z",
      businessSeconds: 1_800,
    });
    await run(org, t2, "first_response", {
      assigneeId: org.agent2.id,
      dueAt: "2031-03-09T22:45:00Z",
      metAt: "2031-03-09T23:15:00Z",
      businessSeconds: 3_600,
    });
    await run(org, t3, "first_response", {
      assigneeId: org.agent2.id,
      dueAt: "2031-03-10T00:00:00Z",
      metAt: "2031-03-10T00:10:00Z",
      businessSeconds: 600,
    });
    // Another organization's week, in the same instants: not counted.
    const foreign = await ticket(other, {
      createdAt: "2031-03-04T08:00:00Z",
      status: "resolved",
      priority: "urgent",
      assigneeId: other.agent.id,
    });
    await resolvedAt(other, foreign, "2031-03-04T09:00:00Z");
    await run(other, foreign, "first_response", {
      assigneeId: other.agent.id,
      dueAt: "2031-03-04T09:00:00Z",
      metAt: "2031-03-04T10:00:00Z",
      businessSeconds: 7_200,
    });

    const res = await week(org.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      week: "2031-W10",
      timeZone: "Europe/Paris",
      from: "2031-03-02T23:00:00.000Z",
      to: "2031-03-09T23:00:00.000Z",
      volume: {
        created: 2,
        resolved: 2,
        byStatus: { new: 0, open: 1, pending: 0, resolved: 1, closed: 0 },
        byPriority: { low: 0, normal: 1, high: 0, urgent: 1 },
      },
      sla: {
        targets: { firstResponse: { tickets: 2, met: 1, breached: 1, compliance: 50 } },
        firstResponseSeconds: { median: 2_700 },
        resolutionSeconds: { median: null, p90: null },
      },
    });
    const agents = res.body.agents as {
      agentId: string;
      resolved: number;
      targets: { firstResponse: unknown };
    }[];
    expect(agents.map((a) => a.agentId)).toEqual([org.admin.id, org.agent.id, org.agent2.id]);
    expect(agents[1]).toMatchObject({
      resolved: 2,
      targets: { firstResponse: { met: 1, breached: 0, compliance: 100 } },
      firstResponseSeconds: { median: 1_800 },
    });
    expect(agents[2]).toMatchObject({
      resolved: 0,
      targets: { firstResponse: { met: 0, breached: 1, compliance: 0 } },
    });

    const theirs = await week(other.admin.token);
    expect(theirs.body.volume).toMatchObject({ created: 1, resolved: 1 });
    expect(theirs.body.sla.targets.firstResponse).toMatchObject({ met: 0, breached: 1 });
  });

  test("admins only", async () => {
    expect((await week(org.agent.token)).status).toBe(403);
    expect((await week(org.customer.token)).status).toBe(403);
  });

  test("defaults to the last complete week, in the organization's zone", async () => {
    const res = await week(org.admin.token, "");
    expect(res.status).toBe(200);
    expect(res.body.week).toBe(lastCompleteWeek(new Date(), "Europe/Paris"));
  });

  test("a malformed week, or one the year does not have, answers 400 naming `week`", async () => {
    for (const bad of ["2031-10", "2031-W54", "2025-W53", "W10"]) {
      const res = await week(org.admin.token, `?week=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: "week" });
    }
  });
});
