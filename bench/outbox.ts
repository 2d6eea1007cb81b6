import { outboxEvents } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { spawn } from "bun";
import { isNull, sql } from "drizzle-orm";
import type { subsystem } from "./variants.ts";

/**
 * Ticket events through the transactional outbox, end to end without HTTP: `writers` concurrent
 * transactions each publish one event and the relay moves them to BullMQ (this process, as in an
 * API process), and a worker process at concurrency 50 completes them. Returns commits/s, and
 * events/s from the first write to the last completion.
 */
export async function outboxThroughput(
  variant: ReturnType<typeof subsystem>,
  options: {
    events: number;
    writers: number;
    prefix: string;
    databaseUrl: string;
    /**
     * How each event is written: as one autocommitted statement, the shape of every ticket write
     * that raises an event (opening a ticket, a reply, a change: each writes its data and outbox
     * row in one CTE, apps/api/src/services/tickets/ and messages/), or in a transaction of its own
     * (BEGIN, INSERT, COMMIT), the shape of a service that needs several statements (the
     * auto-close job). Only the outbox row is written here.
     */
    write: "transaction" | "statement";
  },
) {
  const { runtime } = variant;
  const worker = spawn(
    [
      "bun",
      new URL("./outbox-worker.ts", import.meta.url).pathname,
      options.prefix,
      options.databaseUrl,
      String(options.events),
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const lines = readLines(worker.stdout);
  if ((await lines.next()).value !== "ready") throw new Error("outbox worker did not start");

  // What autovacuum does in production (docs/deployment.md): this machine runs PostgreSQL with it
  // off, and every earlier run leaves its relayed rows behind as dead tuples the sweep must step over.
  await runtime.db.execute(sql`vacuum outbox_events`);
  runtime.relay.start();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.writers }, async () => {
      while (next < options.events) {
        const n = next++;
        if (options.write === "statement") await runtime.publish({ db: runtime.db }, "bench.noop", { n });
        else await withTransaction({ db: runtime.db }, (tx) => runtime.publish(tx, "bench.noop", { n }));
      }
    }),
  );
  const written = Date.now();
  const done = String((await lines.next()).value ?? "");
  const end = Number(done.replace("done ", ""));
  await worker.exited;
  await runtime.relay.stop();
  await runtime.db.delete(outboxEvents).where(isNull(outboxEvents.organizationId));
  return {
    commitsPerSecond: options.events / ((written - started) / 1000),
    endToEndPerSecond: options.events / ((end - started) / 1000),
  };
}

async function* readLines(stream: ReadableStream<Uint8Array>) {
  let buffer = "";
  for await (const chunk of stream) {
    buffer += new TextDecoder().decode(chunk);
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      yield buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  }
}
