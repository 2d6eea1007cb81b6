/**
 * `bun bench/raw-timer-worker.ts <prefix> <concurrency>`: a bare BullMQ worker on the `sla` queue
 * whose jobs do nothing: the floor under the product's timers (bench/raw-timers.ts).
 */
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Worker } from "bullmq";
import { VALKEY_URL } from "./variants.ts";

const [prefix = "", concurrency = "25"] = process.argv.slice(2);
const worker = new Worker("sla", async () => null, {
  connection: createValkeyConnection(VALKEY_URL, { name: "bench-raw-timer", maxRetriesPerRequest: null }),
  prefix,
  concurrency: Number(concurrency),
  removeOnComplete: { count: 100_000 },
});
await worker.waitUntilReady();
console.log("ready");
process.on("SIGTERM", async () => {
  await worker.close();
  process.exit(0);
});
