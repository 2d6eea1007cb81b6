import { z } from "zod";
import { isoDate } from "./common.ts";

const count = z.number().int();
export const jobCountsSchema = z.object({
  waiting: count,
  active: count,
  completed: count,
  failed: count,
  delayed: count,
  prioritized: count,
  paused: count,
});

export const queueCountsSchema = z.object({
  /** email, ticket-notifications, sla, ticket-actions, reports, cleanup. */
  queue: z.string(),
  counts: jobCountsSchema,
  paused: z.boolean(),
  /** Organization-scoped counts read at most 10,000 ids per state; true when a state had more. */
  truncated: z.boolean(),
});

export const queueStatsSchema = queueCountsSchema.extend({
  perMinute: z.object({ completed: z.array(count), failed: z.array(count) }),
  averageProcessingMs: z.number().nullable(),
  sampleSize: count,
});

export const jobDetailsSchema = z.object({
  id: z.string(),
  queue: z.string(),
  name: z.string(),
  state: z.string(),
  progress: z.unknown(),
  data: z.unknown(),
  returnvalue: z.unknown(),
  attemptsMade: count,
  maxAttempts: count,
  failedReason: z.string().nullable(),
  stacktrace: z.array(z.string()),
  logs: z.array(z.string()),
  timestamps: z.object({
    created: isoDate.nullable(),
    processed: isoDate.nullable(),
    finished: isoDate.nullable(),
  }),
});

export const deadLetterSchema = z.object({
  id: z.uuid(),
  queue: z.string(),
  jobName: z.string(),
  jobId: z.string(),
  organizationId: z.uuid().nullable(),
  payload: z.unknown(),
  errorMessage: z.string(),
  stack: z.string().nullable(),
  attemptsMade: count,
  failedAt: isoDate,
  retriedAt: isoDate.nullable(),
  retriedJobId: z.string().nullable(),
  retriedBy: z.string().nullable(),
});

export const schedulerSchema = z.object({
  id: z.string(),
  queue: z.string(),
  jobName: z.string(),
  pattern: z.string().nullable(),
  every: z.number().nullable(),
  timezone: z.string(),
  nextRunAt: isoDate.nullable(),
});
