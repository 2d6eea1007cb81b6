import type { Job, JobsOptions } from "bullmq";
import type { Logger } from "pino";
import type { z } from "zod";
import type { PriorityClass } from "./priorities.ts";

/** A scan that runs on a schedule: registered at boot with upsertJobScheduler under the job's name. */
export interface JobSchedule {
  /** Cron pattern, evaluated in `timezone`. */
  pattern: string;
  timezone?: string;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType, Q extends string = string> {
  queue: Q;
  /** Validated when enqueued and again when a worker picks the job up. */
  schema: S;
  /** Default `normal`; a producer may give another class for one job. */
  priority?: PriorityClass;
  /** Overrides of the queue's job options for this job (attempts, backoff, retention). */
  options?: Pick<JobsOptions, "attempts" | "backoff" | "removeOnComplete" | "removeOnFail">;
  schedule?: JobSchedule;
  /**
   * Fails an attempt that runs longer (retried by the queue's policy); the handler's `run.signal`
   * aborts then, and a result that comes later is discarded.
   */
  timeoutMs?: number;
}

export const defineJob = <S extends z.ZodType, Q extends string>(definition: JobDefinition<S, Q>) =>
  definition;

export type Catalog = Record<string, JobDefinition>;
export type JobName<C extends Catalog> = Extract<keyof C, string>;
/** What a producer passes (defaults not yet applied). */
export type PayloadInput<C extends Catalog, N extends JobName<C>> = z.input<C[N]["schema"]>;
/** What a handler receives (parsed, defaults applied). */
export type Payload<C extends Catalog, N extends JobName<C>> = z.output<C[N]["schema"]>;

/** How a producer shapes one job beyond its payload. */
export interface EnqueueOptions {
  /**
   * Names the job for good: its id becomes `jobIdFor(organization, key)`, so adding it again while
   * BullMQ holds it makes no second job. Without a key, every add is a new job.
   */
  key?: string;
  /** Run no earlier than this. */
  runAt?: Date;
  priority?: PriorityClass;
  /** BullMQ deduplication: while a job with this id is pending, an add changes nothing. */
  deduplication?: JobsOptions["deduplication"];
}

/** What a handler gets besides its payload: the BullMQ job (for logs and progress) and a scoped logger. */
export interface JobRun {
  job: Job;
  log: Logger;
  /**
   * Aborts when the job's `timeoutMs` passes (never, for a job without one): long handlers pass it
   * to their queries and streams, or check it between batches.
   */
  signal: AbortSignal;
  /**
   * Puts the job back to run again at `timestamp` (ms), without using an attempt: the handler
   * throws what this returns (`throw await run.delayUntil(t)`), which BullMQ reads as "delayed".
   */
  delayUntil(timestamp: number): Promise<Error>;
}

/** One handler per job of the catalog; a missing or extra one is a compile error. */
export type JobHandlers<C extends Catalog> = {
  [N in JobName<C>]: (payload: Payload<C, N>, run: JobRun) => Promise<unknown>;
};
