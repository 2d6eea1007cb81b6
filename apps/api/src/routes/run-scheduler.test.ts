import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { tickets } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq } from "drizzle-orm";
import type { JobProcessing } from "../boot/jobs.ts";
import { currentDigest, lastCompleteWeek } from "../services/reports/schedule-periods.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { failedDigestJob, sentEmails, setSchedules } from "../testing/schedules.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";

let server: TestServer & { workers: JobProcessing };
let orgA: TestOrg;
let orgB: TestOrg;
let orgC: TestOrg;
const operator = env().OPERATOR_TOKEN;
// Both digests are off, so the real quarter-hour ticks never send them: only "run now" does.
const digestOff = { enabled: false, hour: 8, weekdaysOnly: false };

beforeAll(async () => {
  server = await startTestServerWithWorkers();
  [orgA, orgB, orgC] = await Promise.all([
    createTestOrg(server.db, "Org A"),
    createTestOrg(server.db, "Org B"),
    createTestOrg(server.db, "Org C"),
  ]);
  await setSchedules(server.db, orgA.id, { timezone: "Asia/Kathmandu", digest: digestOff });
  await setSchedules(server.db, orgB.id, { timezone: "America/St_Johns", digest: digestOff });
  await setSchedules(server.db, orgC.id, { timezone: "Europe/Paris", digest: digestOff });
  for (const org of [orgA, orgB, orgC]) {
    const { id } = await openTicket(server, org);
    await server.db.update(tickets).set({ assigneeId: org.agent.id }).where(eq(tickets.id, id));
  }
});
afterAll(() => server.close());

const runNow = (id: string, token: string, body?: unknown) =>
  server.request("POST", `/api/v1/admin/jobs/schedulers/${id}/run`, { token, body });

describe("POST /admin/jobs/schedulers/:id/run", () => {
  test("an admin runs their organization's digest: 202, the e-mails arrive; a second run is 409", async () => {
    const { period } = currentDigest(new Date(), "Asia/Kathmandu", digestOff);
    const res = await runNow("reports.digest", orgA.admin.token);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      jobId: `${orgA.id}_digest-${period}`,
      name: "reports.digest",
      queue: "reports",
      period,
    });
    const sent = await waitFor("the digest e-mail", async () => {
      const rows = await sentEmails(server.db, orgA.id, "daily-digest", period);
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(orgA.agent.id);

    const again = await runNow("reports.digest", orgA.admin.token);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ period, sentCount: 1 });
  });

  test("the organization is the caller's, never one named in the request", async () => {
    const { period } = currentDigest(new Date(), "America/St_Johns", digestOff);
    const res = await runNow("reports.digest", orgB.admin.token, { organizationId: orgA.id });
    expect(res.status).toBe(202);
    expect(res.body.jobId).toBe(`${orgB.id}_digest-${period}`);
    const sent = await waitFor("org B's digest", async () => {
      const rows = await sentEmails(server.db, orgB.id, "daily-digest", period);
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(orgB.agent.id);
  });

  test("an admin runs their weekly report and their SLA scan", async () => {
    const week = lastCompleteWeek(new Date(), "Asia/Kathmandu");
    const report = await runNow("reports.weekly-report", orgA.admin.token);
    expect(report.status).toBe(202);
    expect(report.body).toMatchObject({ jobId: `${orgA.id}_weekly-report-${week}`, period: week });
    const sent = await waitFor("the weekly report", async () => {
      const rows = await sentEmails(server.db, orgA.id, "weekly-report", week);
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(orgA.admin.id);

    const scan = await runNow("sla.scan", orgA.admin.token);
    expect(scan.status).toBe(202);
    expect(scan.body.jobId.startsWith(`${orgA.id}_`)).toBe(true);
    const job = await server.jobs.queue("sla").getJob(scan.body.jobId);
    expect(job?.data).toEqual({ organizationId: orgA.id });
  });

  test("platform scans are the operator's: an admin gets 403, the operator 202", async () => {
    for (const id of ["cleanup.sweep", "reports.schedules", "tickets.auto-close-scan"]) {
      const refused = await runNow(id, orgA.admin.token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    const res = await runNow("cleanup.sweep", operator);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ name: "cleanup.sweep", queue: "cleanup", period: null });
  });

  test("the operator runs any organization's digest or report, named in the body", async () => {
    const week = lastCompleteWeek(new Date(), "America/St_Johns");
    const res = await runNow("reports.weekly-report", operator, { organizationId: orgB.id });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      jobId: `${orgB.id}_weekly-report-${week}`,
      name: "reports.weekly-report",
      queue: "reports",
      period: week,
    });
    const sent = await waitFor("org B's weekly report", async () => {
      const rows = await sentEmails(server.db, orgB.id, "weekly-report", week);
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(orgB.admin.id);
    expect((await runNow("reports.weekly-report", operator, { organizationId: orgB.id })).status).toBe(409);

    for (const id of ["reports.digest", "reports.weekly-report"]) {
      for (const body of [undefined, {}, { organizationId: "org-b" }]) {
        const refused = await runNow(id, operator, body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.details.issues).toEqual([
          expect.objectContaining({ location: "body", path: "organizationId" }),
        ]);
      }
      const unknown = await runNow(id, operator, { organizationId: crypto.randomUUID() });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("not_found");
    }
  });

  test("a digest whose job failed every attempt runs again when run now", async () => {
    const { period } = currentDigest(new Date(), "Europe/Paris", digestOff);
    const failed = await failedDigestJob(server.db, server.jobs, orgC.id, period);
    expect(failed.id).toBe(`${orgC.id}_digest-${period}`);

    const res = await runNow("reports.digest", orgC.admin.token);
    expect(res.status).toBe(202);
    expect(res.body.jobId).toBe(failed.id);
    const sent = await waitFor("org C's digest", async () => {
      const rows = await sentEmails(server.db, orgC.id, "daily-digest", period);
      return rows.length === 1 ? rows : undefined;
    });
    expect(sent[0]?.recipientId).toBe(orgC.agent.id);
    const job = await server.jobs.queue("reports").getJob(failed.id ?? "");
    expect(await job?.getState()).toBe("completed");
    // Its attempts start over: the retry is a full run, not the failed job's last breath.
    expect(job?.attemptsMade).toBe(1);
  });

  test("an SLA scan asked for while one is pending is that one: repeats collapse per organization", async () => {
    const sla = server.jobs.queue("sla");
    await sla.pause();
    let first: Awaited<ReturnType<typeof runNow>>;
    try {
      first = await runNow("sla.scan", orgB.admin.token);
      expect(first.status).toBe(202);
      for (let i = 0; i < 3; i++)
        expect((await runNow("sla.scan", orgB.admin.token)).body.jobId).toBe(first.body.jobId);
      const otherOrg = await runNow("sla.scan", orgC.admin.token);
      expect(otherOrg.body.jobId).not.toBe(first.body.jobId);
      const pending = await sla.getJobs(["waiting", "prioritized"]);
      const orgBScans = pending.filter(
        (job) => job.name === "sla.scan" && job.data.organizationId === orgB.id,
      );
      expect(orgBScans.map((job) => job.id)).toEqual([first.body.jobId]);
    } finally {
      await sla.resume();
    }
    await waitFor(
      "org B's scan to finish",
      async () => (await sla.getJobState(first.body.jobId)) === "completed",
    );
    // Once it has run, asking again runs a new scan.
    const later = await runNow("sla.scan", orgB.admin.token);
    expect(later.status).toBe(202);
    expect(later.body.jobId).not.toBe(first.body.jobId);
  });

  test("an unknown id is 404; agents and customers are refused", async () => {
    expect((await runNow("reports.nothing", orgA.admin.token)).status).toBe(404);
    expect((await runNow("email.notify", operator)).status).toBe(404);
    expect((await runNow("reports.digest", orgA.agent.token)).status).toBe(403);
    expect((await runNow("reports.digest", orgA.customer.token)).status).toBe(403);
  });
});
