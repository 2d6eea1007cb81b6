import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { devEmails, scheduledRuns, tickets } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { and, eq } from "drizzle-orm";
import type { JobProcessing } from "../../boot/jobs.ts";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { failedDigestJob, runJob, sentEmails, setSchedules } from "../../testing/schedules.ts";
import { startTestServerWithWorkers, type TestServer } from "../../testing/server.ts";
import { openTicket } from "../../testing/tickets.ts";

/**
 * The digest end to end: the scheduler driven with an injected `now`, years from the real date so
 * that the real quarter-hour ticks (which also run here) can't produce the periods these tests read.
 */
let server: TestServer & { workers: JobProcessing };
beforeAll(async () => {
  server = await startTestServerWithWorkers();
});
afterAll(() => server.close());

const daily = (hour: number) => ({ enabled: true, hour, weekdaysOnly: false });

async function assignedTicket(org: TestOrg, assigneeId: string) {
  const ticket = await openTicket(server, org);
  await server.db.update(tickets).set({ assigneeId }).where(eq(tickets.id, ticket.id));
  return ticket;
}

const runsOf = (organizationId: string, period: string) =>
  server.db
    .select()
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.organizationId, organizationId), eq(scheduledRuns.period, period)));

const digestJob = (organizationId: string, period: string) =>
  server.jobs.queue("reports").getJob(`${organizationId}_digest-${period}`);

describe("the daily digest", () => {
  test("two organizations in different zones each get theirs at their own hour", async () => {
    const kolkata = await createTestOrg(server.db, "Kolkata Org");
    const stJohns = await createTestOrg(server.db, "St Johns Org");
    await setSchedules(server.db, kolkata.id, { timezone: "Asia/Kolkata", digest: daily(8) });
    await setSchedules(server.db, stJohns.id, { timezone: "America/St_Johns", digest: daily(8) });
    // The day before was sent: only the day under test is due.
    for (const org of [kolkata, stJohns])
      await server.db
        .insert(scheduledRuns)
        .values({ organizationId: org.id, kind: "digest", period: "2031-03-09", sentCount: 0 });
    // Kolkata's day saw a new ticket (all its staff hear of it); St John's only has an open ticket.
    const created = await assignedTicket(kolkata, kolkata.agent.id);
    await server.db
      .update(tickets)
      .set({ createdAt: new Date("2031-03-10T10:00:00+05:30") })
      .where(eq(tickets.id, created.id));
    await assignedTicket(stJohns, stJohns.agent.id);

    const tick = (now: string) => runJob(server.jobs, "reports.schedules", { now });
    await tick("2031-03-11T02:15:00Z");
    expect(await digestJob(kolkata.id, "2031-03-10")).toBeUndefined();
    // 08:00 in Kolkata (+05:30); still the night before in St John's (−02:30 in March).
    await tick("2031-03-11T02:30:00Z");
    expect(await digestJob(kolkata.id, "2031-03-10")).toBeDefined();
    expect(await digestJob(stJohns.id, "2031-03-10")).toBeUndefined();
    await tick("2031-03-11T10:15:00Z");
    expect(await digestJob(stJohns.id, "2031-03-10")).toBeUndefined();
    await tick("2031-03-11T10:30:00Z");
    expect(await digestJob(stJohns.id, "2031-03-10")).toBeDefined();

    const kolkataMails = await waitFor("Kolkata's digests", async () => {
      const sent = await sentEmails(server.db, kolkata.id, "daily-digest", "2031-03-10");
      return sent.length === 3 ? sent : undefined;
    });
    expect(kolkataMails.map((m) => m.recipientId).sort()).toEqual(
      [kolkata.admin.id, kolkata.agent.id, kolkata.agent2.id].sort(),
    );
    expect(kolkataMails[0]?.subject).toBe("Your daily digest for Kolkata Org: March 10, 2031");
    const agentMail = kolkataMails.find((m) => m.recipientId === kolkata.agent.id);
    const [body] = await server.db
      .select({ text: devEmails.text })
      .from(devEmails)
      .where(eq(devEmails.idempotencyKey, `email-${agentMail?.jobId}`));
    expect(body?.text).toMatch(/New tickets\s+1\s+Resolved\s+0\s+SLA breaches\s+0/);
    expect(body?.text).toContain(`#${created.number} Printer on fire`);
    const stJohnsMails = await waitFor("St John's digest", async () => {
      const sent = await sentEmails(server.db, stJohns.id, "daily-digest", "2031-03-10");
      return sent.length === 1 ? sent : undefined;
    });
    expect(stJohnsMails[0]?.recipientId).toBe(stJohns.agent.id);
    expect((await runsOf(kolkata.id, "2031-03-10"))[0]?.sentCount).toBe(3);
    expect((await runsOf(stJohns.id, "2031-03-10"))[0]?.sentCount).toBe(1);

    // Later ticks that day find both sent and add nothing.
    await tick("2031-03-11T12:00:00Z");
    expect(await sentEmails(server.db, kolkata.id, "daily-digest", "2031-03-10")).toHaveLength(3);
    expect(await runsOf(kolkata.id, "2031-03-10")).toHaveLength(1);
  });

  test("a digest enqueued twice (two schedulers, a retry) sends once", async () => {
    const org = await createTestOrg(server.db, "Twice Org");
    await setSchedules(server.db, org.id, { timezone: "Europe/Paris", digest: daily(8) });
    await assignedTicket(org, org.agent.id);
    const occurrence = { organizationId: org.id, period: "2031-04-01" };
    // Distinct job ids, so only the scheduled_runs row stands between them.
    const results = await Promise.all([
      runJob(server.jobs, "reports.digest", occurrence, { key: "digest-twice-a" }),
      runJob(server.jobs, "reports.digest", occurrence, { key: "digest-twice-b" }),
    ]);
    const values = await Promise.all(
      results.map(async (job) => (await server.jobs.queue("reports").getJob(job.id ?? ""))?.returnvalue),
    );
    expect(values.filter((value) => value.skipped === "already ran")).toHaveLength(1);
    await waitFor(
      "the digest",
      async () => (await sentEmails(server.db, org.id, "daily-digest", "2031-04-01")).length,
    );
    // The e-mail job added again under its key is the same job: still one e-mail.
    await runJob(
      server.jobs,
      "email.digest",
      { ...occurrence, recipientId: org.agent.id },
      { key: `digest-email-2031-04-01-${org.agent.id}` },
    );
    expect(await sentEmails(server.db, org.id, "daily-digest", "2031-04-01")).toHaveLength(1);
    expect(await runsOf(org.id, "2031-04-01")).toHaveLength(1);
  });

  test("a digest whose job failed every attempt is run again by the next tick", async () => {
    const org = await createTestOrg(server.db, "Failed Once Org");
    await setSchedules(server.db, org.id, { timezone: "Asia/Kolkata", digest: daily(8) });
    await assignedTicket(org, org.agent.id);
    const failed = await failedDigestJob(server.db, server.jobs, org.id, "2031-06-09");

    // 08:30 on 10 June in Kolkata: the digest of the 9th is due, and BullMQ still holds its failed job.
    await runJob(server.jobs, "reports.schedules", { now: "2031-06-10T03:00:00Z" });
    const sent = await waitFor("the digest, the second time", async () => {
      const rows = await sentEmails(server.db, org.id, "daily-digest", "2031-06-09");
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(org.agent.id);
    const job = await digestJob(org.id, "2031-06-09");
    expect(job?.id).toBe(failed.id);
    expect(await job?.getState()).toBe("completed");
    expect((await runsOf(org.id, "2031-06-09"))[0]?.sentCount).toBe(1);
  });

  test("an empty day (no activity, nobody holds an open ticket) sends nothing", async () => {
    const org = await createTestOrg(server.db, "Quiet Org");
    await setSchedules(server.db, org.id, { timezone: "UTC", digest: daily(8) });
    const job = await runJob(server.jobs, "reports.digest", { organizationId: org.id, period: "2031-05-05" });
    expect((await server.jobs.queue("reports").getJob(job.id ?? ""))?.returnvalue).toEqual({
      period: "2031-05-05",
      recipients: 0,
    });
    expect((await runsOf(org.id, "2031-05-05"))[0]?.sentCount).toBe(0);
    // An e-mail job of that day, however it came, finds nothing to say.
    const mail = await runJob(server.jobs, "email.digest", {
      organizationId: org.id,
      recipientId: org.agent.id,
      period: "2031-05-05",
    });
    expect((await server.jobs.queue("email").getJob(mail.id ?? ""))?.returnvalue).toEqual({
      skipped: "nothing to report",
    });
    expect(await sentEmails(server.db, org.id, "daily-digest", "")).toHaveLength(0);
  });
});
