import { createDatabase } from "@helpdesk/db/client";
import { defineJob } from "@helpdesk/jobs/define";
import { queueConfigs } from "@helpdesk/jobs/queues";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { startWorkerPool } from "@helpdesk/jobs/worker-pool";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import { z } from "zod";
import { createLogger } from "../apps/api/src/logging/logger.ts";

export const VALKEY_URL = process.env.VALKEY_URL ?? "redis://127.0.0.1:6379";
export const QUEUE = "bench" as const;
/** The same job options for every variant, so only the code around BullMQ differs. */
export const JOB_OPTIONS = { ...queueConfigs.reports.jobOptions, attempts: 3 };
const benchQueues = { [QUEUE]: { concurrency: 1, jobOptions: JOB_OPTIONS } };

export const benchCatalog = {
  "bench.noop": defineJob({
    queue: QUEUE,
    schema: z.object({ n: z.number().int() }),
    options: { attempts: 3 },
  }),
};

/** One way of running a no-op job: add jobs, and a worker at some concurrency reporting completions. */
export interface Variant {
  name: string;
  add(n: number): Promise<unknown>;
  addBulk(ns: number[]): Promise<unknown>;
  startWorker(concurrency: number, onCompleted: (job: Job) => void): Promise<{ close(): Promise<void> }>;
  close(): Promise<void>;
}

export function rawVariant(name: string, prefix: string, connection: () => ConnectionOptions): Variant {
  const queue = new Queue(QUEUE, { connection: connection(), prefix, defaultJobOptions: JOB_OPTIONS });
  return {
    name,
    add: (n) => queue.add("bench.noop", { n }),
    addBulk: (ns) => queue.addBulk(ns.map((n) => ({ name: "bench.noop", data: { n } }))),
    async startWorker(concurrency, onCompleted) {
      const worker = new Worker(QUEUE, async () => {}, { connection: connection(), prefix, concurrency });
      worker.on("completed", onCompleted);
      await worker.waitUntilReady();
      return { close: () => worker.close() };
    },
    async close() {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

export const rawIovalkey = (prefix: string) =>
  rawVariant("raw BullMQ + iovalkey", prefix, () =>
    createValkeyConnection(VALKEY_URL, { name: "bench", maxRetriesPerRequest: null }),
  );

/** The product's subsystem: catalog, validation on add and pickup, pino logging, metrics, dead-letter hooks. */
export function subsystem(
  prefix: string,
  databaseUrl: string,
): Variant & { runtime: JobRuntime<typeof benchCatalog> } {
  // The pool an API process runs with (createDatabase's default). 40 connections for 32 writers
  // cost PostgreSQL ~40% more CPU per transaction on 2 cores (backends contending), for nothing.
  const database = createDatabase(databaseUrl, { max: 10 });
  // The production logger at info, writing to /dev/null so the terminal is not the bottleneck.
  const log = createLogger("info", "/dev/null");
  const runtime = new JobRuntime({
    catalog: benchCatalog,
    queues: benchQueues,
    prefix,
    valkeyUrl: VALKEY_URL,
    db: database.db,
    log,
  });
  return {
    name: "helpdesk job subsystem",
    runtime,
    add: (n) => runtime.enqueue("bench.noop", { n }),
    addBulk: (ns) =>
      runtime.queue(QUEUE).addBulk(
        ns.map((n) => ({
          name: "bench.noop",
          data: { n },
          opts: runtime.jobOptions("bench.noop", undefined),
        })),
      ),
    async startWorker(concurrency, onCompleted) {
      const pool = startWorkerPool(
        runtime,
        { "bench.noop": async () => {} },
        { concurrency, queues: [QUEUE] },
      );
      for (const worker of pool.workers) worker.on("completed", onCompleted);
      await Promise.all(pool.workers.map((worker) => worker.waitUntilReady()));
      return { close: async () => void (await pool.close(5_000)) };
    },
    async close() {
      await runtime.queue(QUEUE).obliterate({ force: true });
      await runtime.close();
      await database.close();
    },
  };
}
