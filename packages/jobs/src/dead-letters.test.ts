import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { deadLetterJobs, organizations } from "@helpdesk/db/schema";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { eq } from "drizzle-orm";
import pino from "pino";
import { reconcileDeadLetters, recordDeadLetter } from "./dead-letters.ts";
import { jobIdFor } from "./job-ids.ts";
import { JobRuntime } from "./runtime.ts";
import { testCatalog, testHandlers, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix, waitFor } from "./testing/wait-for.ts";
import { startWorkerPool, type WorkerPool } from "./worker-pool.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 4 });
const db = database.db;
const valkeyUrl = "redis://127.0.0.1:6379";
const log = pino({ level: "silent" });
const reporter = createValkeyConnection(valkeyUrl, { name: "test-reporter" });
let organizationId: string;

const running: { runtime: JobRuntime<typeof testCatalog>; pool?: WorkerPool }[] = [];
function startJobs(options: { workers?: boolean } = {}) {
  const prefix = uniquePrefix("dl");
  const runtime = new JobRuntime({ catalog: testCatalog, queues: testQueues, prefix, valkeyUrl, db, log });
  const pool =
    options.workers === false ? undefined : startWorkerPool(runtime, testHandlers(reporter, prefix));
  running.push({ runtime, pool });
  return { runtime, pool, prefix };
}

const deadLettersOf = (jobId: string) =>
  db.select().from(deadLetterJobs).where(eq(deadLetterJobs.jobId, jobId));

beforeAll(async () => {
  const [org] = await db
    .insert(organizations)
    .values({ name: "DL org", slug: `dl-${crypto.randomUUID().slice(0, 12)}` })
    .returning();
  organizationId = org?.id ?? "";
});
afterEach(async () => {
  for (const { runtime, pool } of running.splice(0)) {
    await pool?.close(2_000);
    for (const queue of runtime.allQueues()) await queue.obliterate({ force: true });
    await runtime.close();
  }
});
afterAll(async () => {
  await reporter.quit();
  await database.close();
});

test("a job that puts itself back is not failing: it runs again, uses no attempt, leaves no dead letter", async () => {
  const { runtime } = startJobs();
  // One attempt only: were a delay counted as a failure, the first would be final.
  const job = await runtime.enqueue("test.wait", { organizationId, times: 2 });
  // One read of the job's hash: finishedOn and the return value are written together, whereas
  // reading the job and then asking isCompleted() can see the completion land in between.
  const done = await waitFor("the job to complete", async () => {
    const current = await runtime.queue("test-jobs").getJob(job.id ?? "");
    return current?.finishedOn ? current : undefined;
  });
  expect(done.returnvalue).toEqual({ runs: 3 });
  expect(done.attemptsMade).toBe(1);
  expect(await deadLettersOf(job.id ?? "")).toEqual([]);
});

describe("final failures become exactly one dead letter", () => {
  test("an invalid payload fails once, without retries, into one dead letter", async () => {
    const { runtime } = startJobs();
    // Straight through BullMQ, as an old producer or a hand-edited job would: enqueue() would refuse it.
    const job = await runtime
      .queue("test-jobs")
      .add(
        "test.echo",
        { organizationId, value: 42 },
        { jobId: jobIdFor(organizationId, "bad-payload"), attempts: 5 },
      );
    const row = await waitFor("dead letter", async () => (await deadLettersOf(job.id ?? "")).at(0));
    expect(row.attemptsMade).toBe(1);
    expect(row.errorMessage).toContain("Invalid payload");
    expect(row.organizationId).toBe(organizationId);
    expect(row.payload).toEqual({ organizationId, value: 42 });
    expect(await (await runtime.queue("test-jobs").getJob(job.id ?? ""))?.getState()).toBe("failed");
    expect(await deadLettersOf(job.id ?? "")).toHaveLength(1);
  });

  test("N failed attempts make one dead letter that records N attempts", async () => {
    const { runtime } = startJobs();
    const job = await runtime.enqueue("test.flaky", { organizationId, failures: 10 });
    const rows = await waitFor("dead letter", async () => {
      const found = await deadLettersOf(job.id ?? "");
      return found.length ? found : undefined;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attemptsMade).toBe(3);
    expect(rows[0]?.errorMessage).toBe("planned failure 3 of 10");
    // A late observer (the reconciler) finds the failure already recorded.
    expect(await reconcileDeadLetters(db, runtime.queue("test-jobs"), log)).toBe(0);
    expect(await deadLettersOf(job.id ?? "")).toHaveLength(1);
  });

  test("a job that succeeds on a later attempt leaves no dead letter", async () => {
    const { runtime } = startJobs();
    const job = await runtime.enqueue("test.flaky", { organizationId, failures: 2 });
    await waitFor("completion", async () => (await job.getState()) === "completed");
    expect((await runtime.queue("test-jobs").getJob(job.id ?? ""))?.returnvalue).toEqual({ tries: 3 });
    expect(await deadLettersOf(job.id ?? "")).toHaveLength(0);
  });

  test("two recorders racing on the same failure write one row", async () => {
    const { runtime } = startJobs();
    const job = await runtime.enqueue("test.flaky", { organizationId, failures: 10 });
    await waitFor("final failure", async () => (await job.getState()) === "failed");
    await waitFor("first dead letter", async () => (await deadLettersOf(job.id ?? "")).length === 1);
    await db.delete(deadLetterJobs).where(eq(deadLetterJobs.jobId, job.id ?? ""));

    const failed = await runtime.queue("test-jobs").getJob(job.id ?? "");
    if (!failed) throw new Error("failed job vanished");
    const other = createDatabase(process.env.DATABASE_URL ?? "", { max: 1 });
    try {
      const created = await Promise.all([
        recordDeadLetter(db, failed, log),
        recordDeadLetter(other.db, failed, log),
        reconcileDeadLetters(other.db, runtime.queue("test-jobs"), log).then((n) => n > 0),
      ]);
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await deadLettersOf(job.id ?? "")).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  test("the reconciler records a final failure whose event was never handled", async () => {
    const { runtime } = startJobs();
    const job = await runtime.enqueue("test.flaky", { organizationId, failures: 10 });
    await waitFor("final failure", async () => (await job.getState()) === "failed");
    await waitFor("dead letter", async () => (await deadLettersOf(job.id ?? "")).length === 1);
    // As if the process died between BullMQ's failure and the event handler's insert.
    await db.delete(deadLetterJobs).where(eq(deadLetterJobs.jobId, job.id ?? ""));
    expect(await reconcileDeadLetters(db, runtime.queue("test-jobs"), log)).toBe(1);
    expect(await deadLettersOf(job.id ?? "")).toHaveLength(1);
  });
});
