import { afterAll, beforeAll, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { type PrivateValkey, startPrivateValkey } from "@helpdesk/valkey/testing/private-valkey";
import pino from "pino";
import { JobRuntime } from "./runtime.ts";
import { testCatalog, testHandlers, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix, waitFor } from "./testing/wait-for.ts";
import { startWorkerPool } from "./worker-pool.ts";

let redis: PrivateValkey;
const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });

beforeAll(async () => {
  redis = await startPrivateValkey();
});
afterAll(async () => {
  await redis.stop();
  await database.close();
});

test("a worker survives a Valkey restart and goes on taking jobs without a process restart", async () => {
  const prefix = uniquePrefix("restart");
  const log = pino({ level: "silent" });
  const runtime = new JobRuntime({
    catalog: testCatalog,
    queues: testQueues,
    prefix,
    valkeyUrl: redis.url,
    db: database.db,
    log,
  });
  const reporter = createValkeyConnection(redis.url, { name: "test-reporter", maxRetriesPerRequest: null });
  const pool = startWorkerPool(runtime, testHandlers(reporter, prefix));
  try {
    const before = await runtime.enqueue("test.echo", { value: "before" });
    await waitFor("the first job", async () => (await before.getState()) === "completed");

    await redis.stop("SIGKILL");
    await redis.start();

    // The restarted server is empty (no persistence here); the same worker must pick up new work.
    const after = await waitFor("the producer to reconnect", () =>
      runtime.enqueue("test.echo", { value: "after" }).catch(() => undefined),
    );
    await waitFor("the job after the restart", async () => (await after.getState()) === "completed", {
      timeoutMs: 20_000,
    });
    expect(await reporter.lrange(`${prefix}:test:completed`, 0, -1)).toEqual([`${after.id}:${process.pid}`]);
  } finally {
    await pool.close(2_000);
    await runtime.close();
    await reporter.quit();
  }
});
