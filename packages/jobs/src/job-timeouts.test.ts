import { afterAll, afterEach, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import pino from "pino";
import { JobRuntime } from "./runtime.ts";
import { testCatalog, testHandlers, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix, waitFor } from "./testing/wait-for.ts";
import { startWorkerPool, type WorkerPool } from "./worker-pool.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const valkeyUrl = "redis://127.0.0.1:6379";
const reporter = createValkeyConnection(valkeyUrl, { name: "test-reporter" });
const running: { runtime: JobRuntime<typeof testCatalog>; pool: WorkerPool }[] = [];

function startJobs() {
  const prefix = uniquePrefix("timeout");
  const log = pino({ level: "silent" });
  const runtime = new JobRuntime({
    catalog: testCatalog,
    queues: testQueues,
    prefix,
    valkeyUrl,
    db: database.db,
    log,
  });
  const pool = startWorkerPool(runtime, testHandlers(reporter, prefix));
  running.push({ runtime, pool });
  return { runtime, prefix };
}

afterEach(async () => {
  for (const { runtime, pool } of running.splice(0)) {
    await pool.close(2_000);
    for (const queue of runtime.allQueues()) await queue.obliterate({ force: true });
    await runtime.close();
  }
});
afterAll(async () => {
  await reporter.quit();
  await database.close();
});

async function failedFor(runtime: JobRuntime<typeof testCatalog>, id: string) {
  return waitFor("the job to fail for good", async () => {
    const job = await runtime.queue("test-jobs").getJob(id);
    return job?.finishedOn && job.failedReason ? job : undefined;
  });
}

test("a handler that honours its signal stops at the timeout; each attempt fails and is retried", async () => {
  const { runtime, prefix } = startJobs();
  const queued = await runtime.enqueue("test.slow", { honour: true });
  const job = await failedFor(runtime, queued.id ?? "");
  expect(job.failedReason).toBe("Job timed out after 200 ms");
  expect(job.attemptsMade).toBe(2);
  expect(await reporter.lrange(`${prefix}:test:started`, 0, -1)).toEqual([`${job.id}:1`, `${job.id}:2`]);
  expect(await reporter.llen(`${prefix}:test:late`)).toBe(0);
});

test("a handler that ignores its signal still fails at the timeout, and its late result is discarded", async () => {
  const { runtime, prefix } = startJobs();
  const queued = await runtime.enqueue("test.slow", { honour: false });
  const job = await failedFor(runtime, queued.id ?? "");
  expect(job.failedReason).toBe("Job timed out after 200 ms");
  // The attempts finished at their timeouts, well before the handlers' own end.
  expect((job.finishedOn ?? 0) - (job.processedOn ?? 0)).toBeLessThan(600);
  // The handlers did run on and finish; what they returned went nowhere.
  await waitFor(
    "the ignored handlers to finish",
    async () => (await reporter.llen(`${prefix}:test:late`)) === 2,
  );
  const after = await runtime.queue("test-jobs").getJob(job.id ?? "");
  expect(after?.returnvalue).toBeNull();
  expect(await after?.getState()).toBe("failed");
});
