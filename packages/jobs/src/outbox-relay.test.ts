import { afterAll, expect, test } from "bun:test";
import { createDatabase } from "@helpdesk/db/client";
import { outboxEvents } from "@helpdesk/db/schema";
import { inArray, sql } from "drizzle-orm";
import pino from "pino";
import { JobRuntime } from "./runtime.ts";
import { testClient } from "./testing/client-kind.ts";
import { testCatalog } from "./testing/test-catalog.ts";
import { uniquePrefix } from "./testing/wait-for.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const runtime = new JobRuntime({
  catalog: testCatalog,
  prefix: uniquePrefix("relay"),
  valkeyUrl: "redis://127.0.0.1:6379",
  client: testClient,
  db: database.db,
  log: pino({ level: "silent" }),
});
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
    .values({ queue: "ticket-actions", jobName: "test.from-a-newer-version", payload: {} })
    .returning();
  // The payload is stored as a JSON object (not a JSON string), so SQL can read it too.
  const stored = await database.db.execute(
    sql`select jsonb_typeof(payload) as kind, payload->>'value' as value from outbox_events where id = ${known}`,
  );
  expect([...(stored as unknown as object[])]).toEqual([{ kind: "object", value: "hello" }]);
  expect(await runtime.relay.relayBatch()).toBe(1);
  const left = await database.db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(inArray(outboxEvents.id, [known, unknown?.id ?? ""]));
  expect(left).toEqual([{ id: unknown?.id ?? "" }]); // relayed rows are deleted; the unknown one waits
  expect(await runtime.queue("ticket-actions").getJob(known)).not.toBeNull();
});

test("a fast-path pass takes only the rows it is given; the sweep takes the rest", async () => {
  await runtime.relay.stop();
  const mine = await runtime.publish({ db: database.db }, "test.echo", { value: "mine" });
  // Written by another process that died before relaying it: no kick here knows its id.
  const [orphan] = await database.db
    .insert(outboxEvents)
    .values({ queue: "ticket-actions", jobName: "test.echo", payload: { value: "orphan" } })
    .returning();
  const orphanId = orphan?.id ?? "";
  const left = async () =>
    (
      await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(inArray(outboxEvents.id, [mine, orphanId]))
    ).map((row) => row.id);

  expect(await runtime.relay.relayBatch([mine])).toBe(1);
  expect(await left()).toEqual([orphanId]);
  expect(await runtime.relay.relayBatch()).toBeGreaterThanOrEqual(1);
  expect(await left()).toEqual([]);
  expect(await runtime.queue("ticket-actions").getJob(orphanId)).not.toBeNull();
});
