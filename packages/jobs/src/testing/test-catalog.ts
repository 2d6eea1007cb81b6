import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import { z } from "zod";
import { defineJob, type JobHandlers } from "../define.ts";
import type { QueueConfig } from "../queues.ts";

/** The plumbing tests' own queue, so no product queue ever holds a test job. */
export const testQueues: Record<"test-jobs", QueueConfig> = {
  "test-jobs": {
    concurrency: 5,
    jobOptions: { attempts: 5, backoff: { type: "exponential", delay: 2_000 } },
  },
};

/**
 * Jobs that exercise the plumbing itself (the product's catalog is tested through its services).
 * Their handlers report to Valkey lists under `<prefix>:test:*`, which tests and child processes share.
 */
export const testCatalog = {
  "test.echo": defineJob({
    queue: "test-jobs",
    schema: z.object({ organizationId: z.uuid().optional(), value: z.string() }),
    options: { attempts: 1 },
  }),
  /** Fails until it has been tried `failures` times, then succeeds. */
  "test.flaky": defineJob({
    queue: "test-jobs",
    schema: z.object({ organizationId: z.uuid(), failures: z.number().int() }),
    options: { attempts: 3, backoff: { type: "fixed", delay: 10 } },
  }),
  /** Runs until the test sets `<prefix>:test:release`, so a test can act while it is active. */
  "test.block": defineJob({
    queue: "test-jobs",
    schema: z.object({ organizationId: z.uuid().optional() }),
    options: { attempts: 1 },
  }),
  /** Puts itself back `times` times (run.delayUntil), then completes: waiting is not failing. */
  "test.wait": defineJob({
    queue: "test-jobs",
    schema: z.object({ organizationId: z.uuid().optional(), times: z.number().int() }),
    options: { attempts: 1 },
  }),
  /**
   * Outlives its timeout: with `honour`, it stops when its signal aborts; without, it runs on and
   * reports `late` when done, a result that must be discarded.
   */
  "test.slow": defineJob({
    queue: "test-jobs",
    schema: z.object({ organizationId: z.uuid().optional(), honour: z.boolean() }),
    timeoutMs: 200,
    options: { attempts: 2, backoff: { type: "fixed", delay: 10 } },
  }),
};

export type TestCatalog = typeof testCatalog;

export function testHandlers(valkey: ValkeyConnection, prefix: string): JobHandlers<TestCatalog> {
  const key = (name: string) => `${prefix}:test:${name}`;
  return {
    "test.echo": async ({ value }, { job }) => {
      await valkey.rpush(key("completed"), `${job.id}:${process.pid}`);
      return { echoed: value };
    },
    "test.flaky": async ({ failures }, { job }) => {
      const tries = await valkey.incr(key(`tries:${job.id}`));
      if (tries <= failures) throw new Error(`planned failure ${tries} of ${failures}`);
      return { tries };
    },
    "test.wait": async ({ times }, { job, delayUntil }) => {
      const runs = await valkey.incr(key(`runs:${job.id}`));
      if (runs <= times) throw await delayUntil(Date.now() + 10);
      return { runs };
    },
    "test.slow": async ({ honour }, { job, signal }) => {
      await valkey.rpush(key("started"), `${job.id}:${job.attemptsMade + 1}`);
      if (honour) {
        await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      }
      await Bun.sleep(600);
      await valkey.rpush(key("late"), `${job.id}:${job.attemptsMade + 1}`);
      return { late: true };
    },
    "test.block": async (_payload, { job, log }) => {
      await valkey.rpush(key("started"), `${job.id}:${process.pid}`);
      // The handler polls (not the test): a job that holds until the test releases it.
      while (!(await valkey.exists(key("release")))) await Bun.sleep(20);
      await valkey.rpush(key("completed"), `${job.id}:${process.pid}`);
      log.info("released");
      return { pid: process.pid };
    },
  };
}
