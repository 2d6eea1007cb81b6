import { afterAll, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { outboxEvents } from "@helpdesk/db/schema";
import { closeValkey } from "@helpdesk/valkey/connection";
import { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import pino from "pino";
import { jobIdFor } from "./job-ids.ts";
import { workerConnection } from "./queue-clients.ts";
import { JobRuntime } from "./runtime.ts";
import { testCatalog, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix } from "./testing/wait-for.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const runtime = new JobRuntime({
  catalog: testCatalog,
  queues: testQueues,
  prefix: uniquePrefix("runtime"),
  valkeyUrl: "redis://127.0.0.1:6379",
  db: database.db,
  log: pino({ level: "silent" }),
});
const queue = runtime.queue("test-jobs");
afterAll(async () => {
  await queue.obliterate({ force: true });
  await runtime.close();
  await database.close();
});

const organizationId = crypto.randomUUID();

test("a delayed outbox entry becomes a delayed job under its key; relaying it twice makes one job", async () => {
  await runtime.relay.stop(); // relayed by hand below, twice
  const runAt = new Date(Date.now() + 60_000);
  const key = `timer-${crypto.randomUUID()}`;
  const id = await runtime.publish(
    { db: database.db },
    "test.echo",
    { organizationId, value: "later" },
    { key, runAt },
  );
  const [row] = await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
  expect(row).toMatchObject({ jobId: jobIdFor(organizationId, key), runAt });

  expect(await runtime.relay.relayBatch([id])).toBe(1);
  // A second relay of the same entry (a process that died before deleting it): same id again.
  await runtime.publish({ db: database.db }, "test.echo", { organizationId, value: "later" }, { key, runAt });
  await runtime.relay.relayBatch();
  await runtime.relay.relayBatch(await idsLeft());

  const job = await queue.getJob(jobIdFor(organizationId, key));
  expect(await job?.getState()).toBe("delayed");
  // Delayed from when it was due, not from when it was relayed.
  expect(Math.abs((job?.timestamp ?? 0) + (job?.delay ?? 0) - runAt.getTime())).toBeLessThan(1_000);
  const delayed = await queue.getJobs(["delayed"]);
  expect(delayed.filter((each) => each.id === jobIdFor(organizationId, key))).toHaveLength(1);
});

async function idsLeft() {
  const rows = await database.db.select({ id: outboxEvents.id }).from(outboxEvents);
  return rows.map((row) => row.id);
}

test("priority classes: critical jumps the waiting jobs, bulk waits behind them", async () => {
  await queue.obliterate({ force: true });
  const normal = await runtime.enqueue("test.echo", { value: "normal" });
  const bulk = await runtime.enqueue("test.echo", { value: "bulk" }, { priority: "bulk" });
  const critical = await runtime.enqueue("test.echo", { value: "critical" }, { priority: "critical" });
  expect(await bulk.getState()).toBe("prioritized");
  // The order a worker takes them in.
  const connection = workerConnection(runtime.valkeyUrl);
  const worker = new Worker("test-jobs", null, { connection, prefix: runtime.prefix });
  try {
    const token = crypto.randomUUID();
    const taken = [];
    for (let i = 0; i < 3; i++) {
      const job = await worker.getNextJob(token);
      taken.push(job?.id);
      await job?.moveToCompleted(null, token, false);
    }
    expect(taken).toEqual([critical.id, normal.id, bulk.id]);
  } finally {
    await worker.close();
    await closeValkey(connection);
  }
});

test("enqueueBulk adds every item in one call, each validated and named by its key", async () => {
  const keys = ["a", "b", "c"].map((letter) => `bulk-${letter}-${crypto.randomUUID()}`);
  const jobs = await runtime.enqueueBulk(
    "test.echo",
    keys.map((key) => ({ payload: { organizationId, value: key }, options: { key } })),
  );
  expect(jobs.map((job) => job.id)).toEqual(keys.map((key) => jobIdFor(organizationId, key)));
  expect(() => runtime.enqueueBulk("test.echo", [{ payload: { value: 1 as unknown as string } }])).toThrow();
});

test("a job key can't carry BullMQ's separator", () => {
  expect(() => jobIdFor(organizationId, "a:b")).toThrow("can't contain ':'");
});
