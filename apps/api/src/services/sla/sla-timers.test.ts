import { afterAll, beforeAll, expect, test } from "bun:test";
import { devEmails, notifications, slaBreaches, slaPolicies, tickets } from "@helpdesk/db/schema";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { and, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../../testing/server.ts";
import { connectSocket } from "../../testing/sockets.ts";
import { openTicket } from "../../testing/tickets.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

// The whole path with workers running: the deadline's delayed job fires on time, the breach is
// recorded, and the assignee and the admins hear of it at once (socket, in-app, e-mail).
let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServerWithWorkers({ QUEUE_PREFIX: uniquePrefix("sla-timers") });
  org = await createTestOrg(server.db);
  await server.db.insert(slaPolicies).values({
    organizationId: org.id,
    name: "One minute",
    isDefault: true,
    targets: { normal: { firstResponseMinutes: 1 } },
    escalation: { notifyUserIds: [], reassignToId: org.agent2.id },
  });
});
afterAll(() => server.close());

test("a deadline's timer records the breach within a second and tells the assignee and the admins", async () => {
  const assignee = await connectSocket(server.url, org.agent.token);
  const admin = await connectSocket(server.url, org.admin.token);
  const customer = await connectSocket(server.url, org.customer.token);
  try {
    const ticket = await openTicket(server, org);
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      token: org.agent.token,
      body: { assigneeId: org.agent.id },
    });
    // Opened 58.5 s ago: its one-minute first response falls due in 1.5 s.
    await server.db
      .update(tickets)
      .set({ createdAt: new Date(Date.now() - 58_500) })
      .where(eq(tickets.id, ticket.id));
    const [clock] = (await syncTicketSla(server.context(), ticket.id)) ?? [];
    const dueAt = clock?.dueAt as Date;

    const event = await assignee.next("sla:breached", (e) => e.ticketId === ticket.id, 10_000);
    const heardAt = Date.now();
    expect(event).toMatchObject({
      ticketId: ticket.id,
      number: ticket.number,
      target: "first_response",
      dueAt: dueAt.toISOString(),
    });
    expect(await admin.next("sla:breached", (e) => e.ticketId === ticket.id)).toMatchObject({
      target: "first_response",
    });
    const [breach] = await server.db.select().from(slaBreaches).where(eq(slaBreaches.ticketId, ticket.id));
    expect(breach?.breachedAt.getTime() ?? 0).toBeGreaterThanOrEqual(dueAt.getTime());
    expect((breach?.breachedAt.getTime() ?? 0) - dueAt.getTime()).toBeLessThan(1_000);
    expect(heardAt - dueAt.getTime()).toBeLessThan(2_000);
    expect(customer.received.some((r) => r.event === "sla:breached")).toBe(false);

    // In-app for both; an e-mail (the development outbox: no RESEND_API_KEY in tests).
    await waitFor("the in-app notifications", async () => {
      const rows = await server.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.type, "sla.breached")));
      return rows.length >= 2 ? rows : undefined;
    });
    await waitFor("the breach e-mail", async () => {
      const mails = await server.db.select().from(devEmails).where(eq(devEmails.toAddress, org.agent.email));
      return mails.find((mail) => mail.subject.includes("SLA breached"));
    });
    // The policy's escalation reassigns it.
    await waitFor("the reassignment", async () => {
      const [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
      return row?.assigneeId === org.agent2.id;
    });
  } finally {
    assignee.close();
    admin.close();
    customer.close();
  }
});

test("deadlines falling together are recorded and told together, each once", async () => {
  const other = await createTestOrg(server.db);
  await server.db.insert(slaPolicies).values({
    organizationId: other.id,
    name: "One minute",
    isDefault: true,
    targets: { normal: { firstResponseMinutes: 1 } },
    escalation: { notifyUserIds: [], reassignToId: null },
  });
  const assignee = await connectSocket(server.url, other.agent.token);
  try {
    const opened = [];
    for (let i = 0; i < 5; i += 1) opened.push(await openTicket(server, other));
    // All opened at the same instant 58.5 s ago: their deadlines fall together in 1.5 s.
    const createdAt = new Date(Date.now() - 58_500);
    for (const ticket of opened) {
      await server.db
        .update(tickets)
        .set({ assigneeId: other.agent.id, createdAt })
        .where(eq(tickets.id, ticket.id));
      await syncTicketSla(server.context(), ticket.id);
    }
    for (const ticket of opened) await assignee.next("sla:breached", (e) => e.ticketId === ticket.id, 10_000);
    const breaches = await server.db
      .select()
      .from(slaBreaches)
      .where(eq(slaBreaches.organizationId, other.id));
    expect(breaches).toHaveLength(5);
    // Fewer fan-outs than breaches: the first timer to run took the others' deadlines too.
    const fanOuts = (await server.jobs.queue("ticket-notifications").getJobs(["completed", "active"])).filter(
      (job) => job.name === "sla.breaches" && job.data.organizationId === other.id,
    );
    expect(fanOuts.length).toBeGreaterThanOrEqual(1);
    expect(fanOuts.flatMap((job) => job.data.breachIds).sort()).toEqual(breaches.map((b) => b.id).sort());
    await waitFor("the e-mails", async () => {
      const mails = await server.db
        .select()
        .from(devEmails)
        .where(eq(devEmails.toAddress, other.agent.email));
      const breached = mails.filter((mail) => mail.subject.includes("SLA breached"));
      return breached.length >= 5 ? breached : undefined;
    });
    expect(assignee.received.filter((r) => r.event === "sla:breached")).toHaveLength(5);
  } finally {
    assignee.close();
  }
});
