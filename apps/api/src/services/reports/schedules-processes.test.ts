import { afterAll, beforeAll, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { scheduledRuns, tickets } from "@helpdesk/db/schema";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq } from "drizzle-orm";
import { createJobRuntime } from "../../boot/jobs.ts";
import { logger } from "../../logging/logger.ts";
import { createTestOrg } from "../../testing/fixtures.ts";
import { type AppProcess, startAppProcess } from "../../testing/processes.ts";
import { sentEmails, setSchedules } from "../../testing/schedules.ts";

const prefix = uniquePrefix("schedules");
const database = createDatabase(env().DATABASE_URL, { max: 2 });
const jobs = createJobRuntime({ ...env(), QUEUE_PREFIX: prefix }, database.db, logger);
let workers: AppProcess[] = [];

beforeAll(async () => {
  workers = [
    startAppProcess("worker.ts", { QUEUE_PREFIX: prefix }),
    startAppProcess("worker.ts", { QUEUE_PREFIX: prefix }),
  ];
  await Promise.all(workers.map((worker) => worker.waitForLine((line) => line.msg === "workers started")));
});
afterAll(async () => {
  const codes = await Promise.all(workers.map((worker) => worker.stop()));
  expect(codes).toEqual([0, 0]);
  for (const queue of jobs.allQueues()) await queue.obliterate({ force: true });
  await jobs.close();
  await database.close();
});

/** Nothing waiting or running in the queues the test uses (the schedulers' next runs are delayed). */
async function settled() {
  const counts = await Promise.all(
    ["reports", "email"].map((name) => jobs.queue(name).getJobCounts("waiting", "active", "prioritized")),
  );
  return counts.every((c) => Object.values(c).every((n) => n === 0));
}

test("two worker processes, two scheduler runs of one tick: each occurrence runs and e-mails once", async () => {
  const org = await createTestOrg(database.db, "Two Workers Org");
  await setSchedules(database.db, org.id, {
    timezone: "Asia/Kolkata",
    digest: { enabled: true, hour: 8, weekdaysOnly: false },
    weeklyReport: { enabled: true, weekday: "tue", hour: 8 },
  });
  // No activity in the period: only the agent holding an open ticket gets a digest.
  const [ticket] = await database.db
    .insert(tickets)
    .values({
      organizationId: org.id,
      number: 1,
      subject: "Still open",
      customerId: org.customer.id,
      assigneeId: org.agent.id,
    })
    .returning();
  expect(ticket).toBeDefined();

  // Tuesday 11 March 2031, 08:00 in Kolkata: the digest of the 10th and the report of week 10.
  const now = "2031-03-11T02:30:00Z";
  const ticks = await Promise.all([
    jobs.enqueue("reports.schedules", { now }),
    jobs.enqueue("reports.schedules", { now }),
  ]);
  // And the digest itself twice more, under ids of its own, as a retry from the dead letters would be.
  await jobs.enqueue(
    "reports.digest",
    { organizationId: org.id, period: "2031-03-10" },
    { key: "digest-again-1" },
  );
  await jobs.enqueue(
    "reports.digest",
    { organizationId: org.id, period: "2031-03-10" },
    { key: "digest-again-2" },
  );

  await waitFor("both ticks", async () =>
    (await Promise.all(ticks.map((tick) => tick.getState()))).every((state) => state === "completed"),
  );
  await waitFor(
    "the digest",
    async () => (await sentEmails(database.db, org.id, "daily-digest", "2031-03-10")).length,
  );
  await waitFor(
    "the weekly report",
    async () => (await sentEmails(database.db, org.id, "weekly-report", "2031-W10")).length,
  );
  await waitFor("the queues to drain", settled, { timeoutMs: 20_000 });

  const digests = await sentEmails(database.db, org.id, "daily-digest", "2031-03-10");
  expect(digests.map((row) => row.recipientId)).toEqual([org.agent.id]);
  const reports = await sentEmails(database.db, org.id, "weekly-report", "2031-W10");
  expect(reports.map((row) => row.recipientId)).toEqual([org.admin.id]);
  const runs = await database.db.select().from(scheduledRuns).where(eq(scheduledRuns.organizationId, org.id));
  expect(runs.map((run) => [run.kind, run.period, run.sentCount]).sort()).toEqual([
    ["digest", "2031-03-10", 1],
    ["weekly_report", "2031-W10", 1],
  ]);
}, 60_000);
