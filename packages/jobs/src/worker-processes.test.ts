import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { deadLetterJobs } from "@helpdesk/db/schema";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { eq } from "drizzle-orm";
import pino from "pino";
import { jobCatalog } from "./catalog.ts";
import type { Catalog } from "./define.ts";
import { queueConfigs } from "./queues.ts";
import { JobRuntime } from "./runtime.ts";
import { spawnWorkerProcess } from "./testing/spawn-worker.ts";
import { testCatalog, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix, waitFor } from "./testing/wait-for.ts";

const valkeyUrl = "redis://127.0.0.1:6379";
const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const valkey = createValkeyConnection(valkeyUrl, { name: "test-observer" });
const log = pino({ level: "silent" });
const cleanups: (() => Promise<unknown>)[] = [];

/** A runtime on the test's prefix, its queues obliterated after the test. */
function producer<C extends Catalog>(prefix: string, catalog: C) {
  const runtime = new JobRuntime({
    catalog,
    queues: { ...queueConfigs, ...testQueues },
    prefix,
    valkeyUrl,
    db: database.db,
    log,
  });
  cleanups.push(async () => {
    for (const queue of runtime.allQueues()) await queue.obliterate({ force: true });
    await runtime.close();
  });
  return runtime;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(async () => {
  await valkey.quit();
  await database.close();
});

describe("worker processes", () => {
  test("a job whose worker is SIGKILLed mid-job is completed once by another worker, with no dead letter", async () => {
    const prefix = uniquePrefix("kill");
    const runtime = producer(prefix, testCatalog);
    const first = await spawnWorkerProcess("work", { prefix, valkeyUrl });
    cleanups.push(async () => first.child.kill("SIGKILL"));
    const job = await runtime.enqueue("test.block", {});
    await waitFor("the first worker to start the job", () =>
      valkey.lrange(`${prefix}:test:started`, 0, -1).then((s) => s.length === 1),
    );

    first.child.kill("SIGKILL");
    await first.child.exited;
    const second = await spawnWorkerProcess("work", { prefix, valkeyUrl });
    cleanups.push(async () => second.child.kill("SIGKILL"));
    await valkey.set(`${prefix}:test:release`, "1");

    // Takeover needs the lock (2 s) to expire and a stall check (every 1 s) to run: ~3 s, more under load.
    await waitFor("completion by the second worker", async () => (await job.getState()) === "completed", {
      timeoutMs: 45_000,
    });
    expect(await valkey.lrange(`${prefix}:test:completed`, 0, -1)).toEqual([`${job.id}:${second.pid}`]);
    const started = await valkey.lrange(`${prefix}:test:started`, 0, -1);
    expect(started).toEqual([`${job.id}:${first.pid}`, `${job.id}:${second.pid}`]);
    expect(
      await database.db
        .select()
        .from(deadLetterJobs)
        .where(eq(deadLetterJobs.jobId, job.id ?? "")),
    ).toHaveLength(0);
  }, 60_000);

  test("SIGTERM during an active job lets it finish, then the process exits 0", async () => {
    const prefix = uniquePrefix("term");
    const runtime = producer(prefix, testCatalog);
    const worker = await spawnWorkerProcess("work", { prefix, valkeyUrl });
    cleanups.push(async () => worker.child.kill("SIGKILL"));
    const job = await runtime.enqueue("test.block", {});
    await waitFor("the job to start", () => valkey.llen(`${prefix}:test:started`).then((n) => n === 1));

    worker.child.kill("SIGTERM");
    // The job is still active after the signal: the worker must wait for it, not drop it.
    expect(await job.getState()).toBe("active");
    await valkey.set(`${prefix}:test:release`, "1");

    expect(await worker.child.exited).toBe(0);
    expect(await job.getState()).toBe("completed");
    expect(await valkey.lrange(`${prefix}:test:completed`, 0, -1)).toEqual([`${job.id}:${worker.pid}`]);
  });

  test("two processes booting at once register each scheduler once", async () => {
    const prefix = uniquePrefix("sched");
    const runtime = producer(prefix, jobCatalog);
    const [a, b] = await Promise.all([
      spawnWorkerProcess("schedulers", { prefix, valkeyUrl }),
      spawnWorkerProcess("schedulers", { prefix, valkeyUrl }),
    ]);
    const outputs = await Promise.all([a.output(), b.output()]);
    expect(await a.child.exited).toBe(0);
    expect(await b.child.exited).toBe(0);
    const scheduled = Object.entries(jobCatalog).filter(([, definition]) => definition.schedule);
    for (const output of outputs) expect(JSON.parse(output)).toEqual(scheduled.map(([name]) => name));

    for (const [name, definition] of scheduled) {
      const queue = runtime.queue(definition.queue);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((scheduler) => scheduler.key === name)).toHaveLength(1);
      // One upcoming run per scheduler, not one per booting process.
      const delayed = await queue.getJobs(["delayed"]);
      expect(delayed.filter((job) => job.name === name)).toHaveLength(1);
    }
  });
});
