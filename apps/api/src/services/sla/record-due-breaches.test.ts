import { afterAll, beforeAll, expect, test } from "bun:test";
import { notifications, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { connectSocket } from "../../testing/sockets.ts";
import { openTicket } from "../../testing/tickets.ts";
import { fanOutBreaches } from "../notifications/fan-out-breaches.ts";
import { recordDueBreaches } from "./record-due-breaches.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

// Deadlines due together: recorded in one statement by whichever timer runs first, told in one
// fan-out. Each test has its own organization: a batch takes every overdue deadline of one.
const MINUTE = 60_000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function orgWithPolicy(escalation: { notifyUserIds: (org: TestOrg) => string[]; reassign?: boolean }) {
  const org = await createTestOrg(server.db);
  const [policy] = await server.db
    .insert(slaPolicies)
    .values({
      organizationId: org.id,
      name: "Half an hour",
      isDefault: true,
      targets: { normal: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
      escalation: {
        notifyUserIds: escalation.notifyUserIds(org),
        reassignToId: escalation.reassign ? org.agent2.id : null,
      },
    })
    .returning();
  return { org, policyId: policy?.id ?? "" };
}

/** A ticket opened `minutes` ago (its first response overdue past 30), assigned as given. */
async function overdueTicket(org: TestOrg, assigneeId: string | null, minutes = 45) {
  const ticket = await openTicket(server, org);
  await server.db
    .update(tickets)
    .set({ assigneeId, createdAt: new Date(Date.now() - minutes * MINUTE) })
    .where(eq(tickets.id, ticket.id));
  await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, ticket.id));
  await syncTicketSla(server.context(), ticket.id);
  return ticket;
}

const breachesOf = (ticketIds: string[]) =>
  server.db.select().from(slaBreaches).where(inArray(slaBreaches.ticketId, ticketIds));

test("every overdue deadline of the organization in one statement, and one fan-out job for them", async () => {
  const { org } = await orgWithPolicy({ notifyUserIds: () => [] });
  const due = [
    await overdueTicket(org, org.agent.id),
    await overdueTicket(org, org.agent.id, 60),
    await overdueTicket(org, null),
  ];
  // Left to the one-by-one path: a ticket whose sync has not run since its last write.
  const dirty = await overdueTicket(org, org.agent.id);
  await server.db.update(tickets).set({ slaDirty: true }).where(eq(tickets.id, dirty.id));
  // Another organization's overdue deadline is not this batch's.
  const other = await orgWithPolicy({ notifyUserIds: () => [] });
  const theirs = await overdueTicket(other.org, other.org.agent.id);

  const recorded = await recordDueBreaches(server.context(), org.id);
  expect(recorded.map((breach) => breach.ticketId).sort()).toEqual(due.map((ticket) => ticket.id).sort());
  expect(recorded.every((breach) => breach.target === "first_response")).toBe(true);
  const rows = await breachesOf([...due, dirty, theirs].map((ticket) => ticket.id));
  expect(rows.map((row) => row.ticketId).sort()).toEqual(due.map((ticket) => ticket.id).sort());
  expect(rows.find((row) => row.ticketId === due[2]?.id)?.assigneeId).toBeNull();
  const flags = await server.db
    .select({ breached: tickets.slaBreached })
    .from(tickets)
    .where(
      inArray(
        tickets.id,
        due.map((ticket) => ticket.id),
      ),
    );
  expect(flags.every((ticket) => ticket.breached)).toBe(true);

  await server.jobs.relay.idle();
  const jobs = (await server.jobs.queue("ticket-notifications").getJobs(["prioritized", "waiting"])).filter(
    (job) => job.name === "sla.breaches" && job.data.organizationId === org.id,
  );
  expect(jobs).toHaveLength(1);
  expect([...(jobs[0]?.data.breachIds ?? [])].sort()).toEqual(recorded.map((breach) => breach.id).sort());
  // Run again: nothing left to record, and no second job.
  expect(await recordDueBreaches(server.context(), org.id)).toEqual([]);
});

test("timers running together share the burst: each deadline recorded once", async () => {
  const { org } = await orgWithPolicy({ notifyUserIds: () => [] });
  const due = await Promise.all(Array.from({ length: 12 }, () => overdueTicket(org, org.agent.id)));
  const batches = await Promise.all(
    Array.from({ length: 8 }, () => recordDueBreaches(server.context(), org.id)),
  );
  const ids = batches.flat().map((breach) => breach.ticketId);
  expect(ids.sort()).toEqual(due.map((ticket) => ticket.id).sort());
  expect(await breachesOf(ids)).toHaveLength(12);
});

test("a policy that reassigns on breach is left to the one-by-one path", async () => {
  const { org } = await orgWithPolicy({ notifyUserIds: () => [], reassign: true });
  await overdueTicket(org, org.agent.id);
  expect(await recordDueBreaches(server.context(), org.id)).toEqual([]);
});

test("the fan-out tells each recipient once per breach, as a ticket event would; a retry tells nobody twice", async () => {
  const { org } = await orgWithPolicy({ notifyUserIds: (o) => [o.agent2.id] });
  const assigned = await overdueTicket(org, org.agent.id);
  const unassigned = await overdueTicket(org, null);
  const agent = await connectSocket(server.url, org.agent.token);
  const admin = await connectSocket(server.url, org.admin.token);
  const customer = await connectSocket(server.url, org.customer.token);
  try {
    const recorded = await recordDueBreaches(server.context(), org.id);
    const breachIds = recorded.map((breach) => breach.id);
    const first = await fanOutBreaches(server.context(), { organizationId: org.id, breachIds });
    // The assigned ticket: its assignee, the admin, the escalation list. The unassigned one: every
    // agent (agent, agent2), the admin.
    expect(first).toMatchObject({ breaches: 2, notified: 6 });
    const rows = await server.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.organizationId, org.id), eq(notifications.type, "sla.breached")));
    const byTicket = (ticketId: string) =>
      rows
        .filter((row) => row.ticketId === ticketId)
        .map((row) => row.userId)
        .sort();
    expect(byTicket(assigned.id)).toEqual([org.agent.id, org.admin.id, org.agent2.id].sort());
    expect(byTicket(unassigned.id)).toEqual([org.agent.id, org.admin.id, org.agent2.id].sort());

    for (const ticket of [assigned, unassigned]) {
      const event = await agent.next("sla:breached", (e) => e.ticketId === ticket.id);
      expect(event).toMatchObject({ number: ticket.number, target: "first_response" });
      expect(event.breachedAt).toBeDefined();
      await admin.next("sla:breached", (e) => e.ticketId === ticket.id);
    }
    const emails = (await server.jobs.queue("email").getJobs(["prioritized", "waiting"])).filter(
      (job) => job.data.organizationId === org.id && job.data.kind === "sla.breached",
    );
    // Staff get breach e-mails by default: one per recipient and breach.
    expect(emails).toHaveLength(6);

    const again = await fanOutBreaches(server.context(), { organizationId: org.id, breachIds });
    expect(again).toMatchObject({ notified: 0, emailed: 0 });
    // Pushed after the retry's would have been: had the retry pushed, the agent would hear it first.
    server.realtime.ticketUpdated(org.id, {
      ticketId: assigned.id,
      number: assigned.number,
      subject: "marker",
      status: "open",
      priority: "normal",
      assigneeId: org.agent.id,
      customerId: org.customer.id,
      updatedAt: new Date().toISOString(),
      eventType: "ticket.assigned",
    });
    await agent.next("ticket:updated", (e) => e.subject === "marker");
    expect(agent.received.filter((r) => r.event === "sla:breached")).toHaveLength(2);
    expect(customer.received.some((r) => r.event === "sla:breached")).toBe(false);
  } finally {
    agent.close();
    admin.close();
    customer.close();
  }
});
