import { afterAll, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { outboxEvents } from "@helpdesk/db/schema";
import { inArray, sql } from "drizzle-orm";
import pino from "pino";
import { z } from "zod";
import { OutboxRelay } from "./outbox-relay.ts";
import { JobRuntime } from "./runtime.ts";
import { testCatalog, testQueues } from "./testing/test-catalog.ts";
import { uniquePrefix, waitFor } from "./testing/wait-for.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const newRuntime = (name: string, relay?: { deleteDelayMs?: number; freshPasses?: number }) =>
  new JobRuntime({
    catalog: testCatalog,
    queues: testQueues,
    prefix: uniquePrefix(name),
    valkeyUrl: "redis://127.0.0.1:6379",
    db: database.db,
    log: pino({ level: "silent" }),
    relay,
  });
const runtime = newRuntime("relay");
afterAll(async () => {
  for (const queue of runtime.allQueues()) await queue.obliterate({ force: true });
  await runtime.close();
  await database.close();
});

test("a row for a job this process doesn't know waits for one that does; the rest is relayed", async () => {
  await runtime.relay.stop(); // relay by hand, without the fast path racing the test
  const known = await runtime.publish({ db: database.db }, "test.echo", { value: "hello" });
  const [unknown] = await database.db
    .insert(outboxEvents)
    .values({
      queue: "test-jobs",
      jobName: "test.from-a-newer-version",
      payload: {},
      createdAt: new Date(Date.now() - 60_000),
    })
    .returning();
  // The payload is stored as a JSON object (not a JSON string), so SQL can read it too.
  const stored = await database.db.execute(
    sql`select jsonb_typeof(payload) as kind, payload->>'value' as value from outbox_events where id = ${known}`,
  );
  // Raw rows are untyped: read them through a schema.
  const rows = z.array(z.object({ kind: z.string(), value: z.string() })).parse(stored);
  expect(rows).toEqual([{ kind: "object", value: "hello" }]);
  expect(await runtime.relay.relayBatch([known, unknown?.id ?? ""])).toBe(1);
  await runtime.relay.relayBatch(); // the sweep passes it over too
  const left = await database.db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(inArray(outboxEvents.id, [known, unknown?.id ?? ""]));
  expect(left).toEqual([{ id: unknown?.id ?? "" }]); // relayed rows are deleted; the unknown one waits
  expect(await runtime.queue("test-jobs").getJob(known)).not.toBeNull();
});

test("the fast path adds the rows it is kicked with and deletes them, leaving older rows to the sweep", async () => {
  const fast = newRuntime("relay-fast");
  try {
    // Left by a process that died before relaying it, a minute ago: no kick here knows its id.
    const [orphan] = await database.db
      .insert(outboxEvents)
      .values({
        queue: "test-jobs",
        jobName: "test.echo",
        payload: { value: "orphan" },
        createdAt: new Date(Date.now() - 60_000),
      })
      .returning();
    const id = await fast.publish({ db: database.db }, "test.echo", { value: "fresh" }); // kicks the fast path
    await fast.relay.idle();
    const left = await database.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(inArray(outboxEvents.id, [id, orphan?.id ?? ""]));
    expect(left).toEqual([{ id: orphan?.id ?? "" }]);
    expect((await fast.queue("test-jobs").getJob(id))?.data).toEqual({ value: "fresh" });
  } finally {
    for (const queue of fast.allQueues()) await queue.obliterate({ force: true });
    await fast.close();
  }
});

test("lone rows relayed by separate fast passes are deleted together, by the relay's own timer", async () => {
  // A delay long enough that the test sees both rows relayed and not yet deleted.
  const fast = newRuntime("relay-coalesced", { deleteDelayMs: 1_500 });
  try {
    const first = await fast.publish({ db: database.db }, "test.echo", { value: "one" });
    await waitFor("the first job", () => fast.queue("test-jobs").getJob(first));
    const second = await fast.publish({ db: database.db }, "test.echo", { value: "two" });
    await waitFor("the second job", () => fast.queue("test-jobs").getJob(second));
    // Both are relayed, and neither is deleted yet: their deletes wait to go as one statement.
    const rowsOf = () =>
      database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(inArray(outboxEvents.id, [first, second]));
    expect(await rowsOf()).toHaveLength(2);
    // No idle() here: the delay alone must delete them.
    await waitFor("the relayed rows to be deleted", async () =>
      (await rowsOf()).length === 0 ? true : undefined,
    );
  } finally {
    for (const queue of fast.allQueues()) await queue.obliterate({ force: true });
    await fast.close();
  }
});

test("a row committed while a fast pass waits on Valkey gets a pass of its own; past the limit, rows wait and go together", async () => {
  const fast = newRuntime("relay-passes", { freshPasses: 2 });
  const queue = fast.queue("test-jobs");
  // Holds the adds made while `holding`, until released: a slow round trip to Valkey, on demand.
  const held = Promise.withResolvers<void>();
  let holding = true;
  const add = queue.add.bind(queue);
  queue.add = async (...args) => {
    if (holding) await held.promise;
    return add(...args);
  };
  const addBulk = queue.addBulk.bind(queue);
  const bulkSizes: number[] = [];
  queue.addBulk = (jobs) => {
    bulkSizes.push(jobs.length);
    return addBulk(jobs);
  };
  try {
    const first = await fast.publish({ db: database.db }, "test.echo", { value: "held" });
    holding = false;
    const second = await fast.publish({ db: database.db }, "test.echo", { value: "not held back" });
    await waitFor("the second job, while the first pass waits", () => queue.getJob(second), {
      timeoutMs: 2_000,
    });
    expect(await queue.getJob(first)).toBeUndefined();

    holding = true;
    const third = await fast.publish({ db: database.db }, "test.echo", { value: "held too" });
    // Two passes wait on Valkey now: these two wait for one of them, then go as one addBulk.
    const fourth = await fast.publish({ db: database.db }, "test.echo", { value: "four" });
    const fifth = await fast.publish({ db: database.db }, "test.echo", { value: "five" });
    holding = false;
    held.resolve();
    await fast.relay.idle();
    for (const id of [first, third, fourth, fifth]) expect(await queue.getJob(id)).not.toBeUndefined();
    expect(bulkSizes).toEqual([2]);
    const ids = [first, second, third, fourth, fifth];
    expect(await database.db.select().from(outboxEvents).where(inArray(outboxEvents.id, ids))).toEqual([]);
  } finally {
    held.resolve(); // on failure too, so no add is left waiting past the test
    for (const each of fast.allQueues()) await each.obliterate({ force: true });
    await fast.close();
  }
});

test("a relay that could never start a fast pass is refused when it is made", () => {
  for (const freshPasses of [0, -1, 1.5, Number.NaN]) {
    expect(() => new OutboxRelay(runtime, { freshPasses })).toThrow("freshPasses must be a whole number");
  }
});

test("an outbox entry in a service's own statement: a false guard writes nothing, a true one is relayed once published", async () => {
  const composed = newRuntime("relay-entry");
  try {
    const skipped = composed.outboxEntry("test.echo", { value: "not written" });
    await skipped.insertFrom(database.db, sql`(select 1 where false) as nothing`);
    const written = composed.outboxEntry("test.echo", { value: "written" });
    await written.insertFrom(database.db, sql`(select 1) as one_row`);
    composed.published({ db: database.db }, written);
    await composed.relay.idle();
    const ids = [skipped.row.id, written.row.id];
    expect(await database.db.select().from(outboxEvents).where(inArray(outboxEvents.id, ids))).toEqual([]);
    expect(await composed.queue("test-jobs").getJob(skipped.row.id)).toBeUndefined();
    expect((await composed.queue("test-jobs").getJob(written.row.id))?.data).toEqual({
      value: "written",
    });
  } finally {
    for (const queue of composed.allQueues()) await queue.obliterate({ force: true });
    await composed.close();
  }
});

test("a retry takes only the rows it is given; the sweep takes rows past the grace period, never younger", async () => {
  await runtime.relay.stop();
  const mine = await runtime.publish({ db: database.db }, "test.echo", { value: "mine" });
  const insert = async (value: string, ageMs: number) => {
    const [row] = await database.db
      .insert(outboxEvents)
      .values({
        queue: "test-jobs",
        jobName: "test.echo",
        payload: { value },
        createdAt: new Date(Date.now() - ageMs),
      })
      .returning();
    return row?.id ?? "";
  };
  // Left behind a minute ago by a process that died; and one another process's fast path is on.
  const orphan = await insert("orphan", 60_000);
  const young = await insert("young", 0);
  const left = async () =>
    (
      await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(inArray(outboxEvents.id, [mine, orphan, young]))
        .orderBy(outboxEvents.id)
    ).map((row) => row.id);

  expect(await runtime.relay.relayBatch([mine])).toBe(1);
  expect(await left()).toEqual([orphan, young]);
  expect(await runtime.relay.relayBatch()).toBeGreaterThanOrEqual(1);
  expect(await left()).toEqual([young]);
  expect(await runtime.queue("test-jobs").getJob(orphan)).not.toBeNull();
  expect(await runtime.queue("test-jobs").getJob(young)).toBeUndefined();
  await database.db.delete(outboxEvents).where(inArray(outboxEvents.id, [young]));
});
