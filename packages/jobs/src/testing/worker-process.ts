/**
 * A worker process for multi-process tests: `bun worker-process.ts <mode>` with VALKEY_URL,
 * QUEUE_PREFIX and DATABASE_URL in the environment. Modes:
 *   work        run the test catalog's workers (short lock/stall for fast takeover) until SIGTERM
 *   schedulers  register the product catalog's schedulers, print their ids, exit
 */
import { createDatabase } from "@helpdesk/db/client";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import pino from "pino";
import { jobCatalog } from "../catalog.ts";
import { queueConfigs } from "../queues.ts";
import { JobRuntime } from "../runtime.ts";
import { registerSchedulers } from "../schedulers.ts";
import { startWorkerPool } from "../worker-pool.ts";
import { testCatalog, testHandlers, testQueues } from "./test-catalog.ts";

const [mode] = process.argv.slice(2);
const valkeyUrl = process.env.VALKEY_URL ?? "redis://127.0.0.1:6379";
const prefix = process.env.QUEUE_PREFIX ?? "hdtest";
const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

if (mode === "schedulers") {
  const runtime = new JobRuntime({
    catalog: jobCatalog,
    queues: queueConfigs,
    prefix,
    valkeyUrl,
    db: database.db,
    log,
  });
  console.log(JSON.stringify(await registerSchedulers(runtime)));
  await runtime.close();
  await database.close();
  process.exit(0);
}

const runtime = new JobRuntime({
  catalog: testCatalog,
  queues: testQueues,
  prefix,
  valkeyUrl,
  db: database.db,
  log,
});
const reporter = createValkeyConnection(valkeyUrl, { name: "helpdesk:test-reporter" });
const pool = startWorkerPool(runtime, testHandlers(reporter, prefix), {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
});
await Promise.all(pool.workers.map((worker) => worker.waitUntilReady()));
console.log("ready");

process.on("SIGTERM", async () => {
  const { timedOut } = await pool.close(Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000));
  await runtime.close();
  await reporter.quit();
  await database.close();
  process.exit(timedOut ? 1 : 0);
});
