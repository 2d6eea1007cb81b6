import { afterAll, beforeAll, expect, test } from "bun:test";
import { devEmails, organizations, ticketStatusChanges, tickets } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import type { Job } from "bullmq";
import { and, eq } from "drizzle-orm";
import { DAY_MS } from "../../lib/durations.ts";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../../testing/server.ts";
import { moveTicket, ticketInStatus } from "../../testing/tickets.ts";
import { autoCloseKey } from "./auto-close-timer.ts";
import { queueAutoCloses } from "./queue-auto-closes.ts";

// The event-driven auto-close with workers running: the timer written at resolution, what it does
// when it fires early, late or on a ticket that moved on, and the scan behind it.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServerWithWorkers({ QUEUE_PREFIX: uniquePrefix("auto-close") });
});
afterAll(() => server.close());

const actions = () => server.jobs.queue("ticket-actions");

async function resolvedAtOf(ticketId: string) {
  const [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!row?.resolvedAt) throw new Error("the ticket is not resolved");
  return row.resolvedAt;
}

/** The timer the resolution wrote, once the relay has added it. */
async function timerOf(org: TestOrg, ticketId: string) {
  const id = jobIdFor(org.id, autoCloseKey(ticketId, await resolvedAtOf(ticketId)));
  return waitFor(`the auto-close timer ${id}`, () => actions().getJob(id));
}

async function finished(job: Job) {
  return waitFor(`job ${job.id} to finish`, async () => {
    const state = await job.getState();
    if (state !== "completed" && state !== "failed") return undefined;
    return actions().getJob(job.id ?? "");
  });
}

async function resolvedTicket(org: TestOrg) {
  return ticketInStatus(server, org, "resolved");
}

test("resolving writes a delayed auto-close at resolvedAt + the organization's days, keyed by the resolution", async () => {
  const org = await createTestOrg(server.db);
  await server.db.update(organizations).set({ autoCloseDays: 3 }).where(eq(organizations.id, org.id));
  const ticket = await resolvedTicket(org);
  const resolvedAt = await resolvedAtOf(ticket.id);

  const timer = await timerOf(org, ticket.id);
  expect(timer.id).toBe(`${org.id}_auto-close-${ticket.id}-${resolvedAt.getTime()}`);
  expect(timer.name).toBe("tickets.auto-close");
  expect(await timer.getState()).toBe("delayed");
  expect(timer.data).toEqual({
    organizationId: org.id,
    ticketId: ticket.id,
    resolvedAt: resolvedAt.toISOString(),
  });
  const runAt = timer.timestamp + (timer.opts.delay ?? 0);
  expect(Math.abs(runAt - (resolvedAt.getTime() + 3 * DAY_MS))).toBeLessThan(1_000);
});

test("a timer whose ticket was reopened, or resolved again since, closes nothing", async () => {
  const org = await createTestOrg(server.db);
  const ticket = await resolvedTicket(org);
  const first = await timerOf(org, ticket.id);
  await moveTicket(server, org, ticket.id, "open");

  await first.promote();
  expect((await finished(first))?.returnvalue).toEqual({ closed: false, reason: "not_resolved" });
  let [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  expect(row?.status).toBe("open");

  // Resolved again: a timer of its own; the first one, fired again, still does nothing.
  await moveTicket(server, org, ticket.id, "resolved");
  const second = await timerOf(org, ticket.id);
  expect(second.id).not.toBe(first.id);
  const replay = await server.jobs.enqueue("tickets.auto-close", first.data);
  expect((await finished(replay))?.returnvalue).toEqual({ closed: false, reason: "resolved_again" });
  [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  expect(row?.status).toBe("resolved");
});

test("a timer that fires before its ticket is due is put back until then", async () => {
  const org = await createTestOrg(server.db);
  const ticket = await resolvedTicket(org);
  const timer = await timerOf(org, ticket.id);
  // As if the organization had raised its days after the timer was set.
  await server.db.update(organizations).set({ autoCloseDays: 10 }).where(eq(organizations.id, org.id));
  const dueAt = (await resolvedAtOf(ticket.id)).getTime() + 10 * DAY_MS;

  await timer.promote();
  const putBack = await waitFor("the timer to run and wait again", async () => {
    const job = await actions().getJob(timer.id ?? "");
    return job?.processedOn && (await job.getState()) === "delayed" ? job : undefined;
  });
  expect(putBack.attemptsMade).toBe(0);
  // Put back from when it ran, for the time left until due.
  expect(Math.abs((putBack.processedOn ?? 0) + putBack.delay - dueAt)).toBeLessThan(1_000);
  const [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  expect(row?.status).toBe("resolved");
});

test("a due ticket is closed once, with its reason and event, and the customer gets one e-mail", async () => {
  const org = await createTestOrg(server.db);
  const ticket = await resolvedTicket(org);
  const resolvedAt = new Date(Date.now() - 8 * DAY_MS);
  await server.db.update(tickets).set({ resolvedAt }).where(eq(tickets.id, ticket.id));

  // The timer and a duplicate of it (a retry, the scan): the second finds the ticket closed.
  const payload = { organizationId: org.id, ticketId: ticket.id, resolvedAt: resolvedAt.toISOString() };
  const runs = [
    await server.jobs.enqueue("tickets.auto-close", payload),
    await server.jobs.enqueue("tickets.auto-close", payload),
  ];
  const outcomes = await Promise.all(runs.map(async (job) => (await finished(job))?.returnvalue));
  expect(outcomes).toContainEqual({ closed: true });
  expect(outcomes).toContainEqual({ closed: false, reason: "not_resolved" });

  const [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  expect(row).toMatchObject({ status: "closed", closedReason: "auto_closed_after_resolution" });
  const changes = await server.db
    .select()
    .from(ticketStatusChanges)
    .where(and(eq(ticketStatusChanges.ticketId, ticket.id), eq(ticketStatusChanges.toStatus, "closed")));
  expect(changes).toHaveLength(1);

  const closedMails = async () =>
    (await server.db.select().from(devEmails).where(eq(devEmails.toAddress, org.customer.email))).filter(
      (mail) => mail.subject.startsWith(`Ticket #${ticket.number} closed`),
    );
  const [mail] = await waitFor("the closed e-mail", async () => {
    const mails = await closedMails();
    return mails.length > 0 ? mails : undefined;
  });
  expect(mail?.text).toContain("closed automatically");
  // Nothing left to send: then it is still the one e-mail.
  await waitFor("the fan-out and e-mail queues to drain", async () => {
    const counts = await Promise.all(
      ["ticket-notifications", "email"].map((queue) =>
        server.jobs.queue(queue).getJobCounts("waiting", "active", "prioritized"),
      ),
    );
    return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0);
  });
  expect(await closedMails()).toHaveLength(1);
});

test("the hourly scan closes a resolved ticket whose timer was lost", async () => {
  const org = await createTestOrg(server.db);
  const ticket = await resolvedTicket(org);
  const timer = await timerOf(org, ticket.id);
  await timer.remove();
  await server.db
    .update(tickets)
    .set({ resolvedAt: new Date(Date.now() - 8 * DAY_MS) })
    .where(eq(tickets.id, ticket.id));

  const { enqueued } = await queueAutoCloses(server.context());
  expect(enqueued).toBeGreaterThanOrEqual(1);
  const closed = await waitFor("the scan's close", async () => {
    const [row] = await server.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    return row?.status === "closed" ? row : undefined;
  });
  expect(closed.closedReason).toBe("auto_closed_after_resolution");
  expect(server.jobs.catalog["tickets.auto-close-scan"].schedule?.pattern).toBe("7 * * * *");
});
