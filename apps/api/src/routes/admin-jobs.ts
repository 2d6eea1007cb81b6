import { z } from "zod";
import { route } from "../http/route.ts";
import { idParam, page } from "../schemas/common.ts";
import {
  deadLetterSchema,
  jobDetailsSchema,
  queueCountsSchema,
  queueStatsSchema,
  schedulerSchema,
} from "../schemas/jobs.ts";
import { getJobDetails } from "../services/job-admin/get-job.ts";
import { listDeadLetters, listDeadLettersQuery } from "../services/job-admin/list-dead-letters.ts";
import { listSchedulers } from "../services/job-admin/list-schedulers.ts";
import { getAllQueueStats, getQueueStats } from "../services/job-admin/queue-stats.ts";
import { retryDeadLetter, retryDeadLetterInput } from "../services/job-admin/retry-dead-letter.ts";
import { retryFailedJob } from "../services/job-admin/retry-job.ts";
import { runSchedulerInput, runSchedulerNow } from "../services/job-admin/run-scheduler.ts";
import { allQueuesFor, queueFor } from "../services/job-admin/scope.ts";

/** Org admins see their organization's jobs; the operator (bearer OPERATOR_TOKEN) sees all. */
const admins = ["admin", "operator"] as const;
/** A queue name (`email`, `ticket-notifications`, …); one this deployment doesn't run is 404. */
const queueName = z.string().min(1).max(100);
const queueParam = z.object({ queue: queueName });
const jobParams = z.object({ queue: queueName, jobId: z.string().min(1).max(200) });
const tag = "Jobs (admin)";

// Fixed paths come before `/:queue/...` ones: Express takes the first match.
export const adminJobRoutes = [
  route({
    method: "get",
    path: "/admin/jobs/stats",
    operationId: "getJobStats",
    tag,
    summary: "Job counts per queue",
    access: admins,
    response: z.object({ queues: z.array(queueCountsSchema) }),
    handler: async (ctx) => ({ queues: await getAllQueueStats(ctx, allQueuesFor(ctx)) }),
  }),
  route({
    method: "get",
    path: "/admin/jobs/schedulers",
    operationId: "listSchedulers",
    tag,
    summary: "Scheduled scans with their pattern, timezone and next run",
    access: admins,
    response: z.object({ schedulers: z.array(schedulerSchema) }),
    handler: async (ctx) => ({ schedulers: await listSchedulers(allQueuesFor(ctx)) }),
  }),
  route({
    method: "post",
    path: "/admin/jobs/schedulers/:id/run",
    operationId: "runScheduler",
    tag,
    summary: "Run a scheduled job now",
    description:
      "The operator runs any scheduled job, and any organization's `reports.digest` or " +
      "`reports.weekly-report` (`organizationId` in the body); an organization's admin runs its own " +
      "`reports.digest`, `reports.weekly-report` or `sla.scan` (a body's `organizationId` is ignored). " +
      "A digest or report already sent for its period answers 409.",
    access: admins,
    params: z.object({ id: z.string().min(1).max(100) }),
    body: runSchedulerInput,
    status: 202,
    response: z.object({
      jobId: z.string(),
      name: z.string(),
      queue: z.string(),
      /** The digest's local date or the report's ISO week; null for a scan. */
      period: z.string().nullable(),
    }),
    handler: (ctx, { params, body }) => runSchedulerNow(ctx, params.id, body),
  }),
  route({
    method: "get",
    path: "/admin/jobs/dead-letters",
    operationId: "listDeadLetters",
    tag,
    summary: "Jobs that failed for the last time, newest first",
    access: admins,
    query: listDeadLettersQuery,
    response: page(deadLetterSchema),
    handler: (ctx, { query }) => listDeadLetters(ctx, query),
  }),
  route({
    method: "post",
    path: "/admin/jobs/dead-letters/:id/retry",
    operationId: "retryDeadLetter",
    tag,
    summary: "Enqueue a dead letter again, optionally with an edited payload",
    description: "A second retry of the same dead letter answers 409.",
    access: admins,
    params: idParam,
    body: retryDeadLetterInput,
    response: deadLetterSchema,
    handler: (ctx, { params, body }) => retryDeadLetter(ctx, params.id, body),
  }),
  route({
    method: "get",
    path: "/admin/jobs/:queue/stats",
    operationId: "getQueueStats",
    tag,
    summary: "One queue's counts, per-minute throughput over the last hour, average processing time",
    access: admins,
    params: queueParam,
    response: queueStatsSchema,
    handler: (ctx, { params }) => getQueueStats(ctx, queueFor(ctx, params.queue)),
  }),
  route({
    method: "get",
    path: "/admin/jobs/:queue/:jobId",
    operationId: "getJob",
    tag,
    summary: "One job with its state, payload, result, attempts, logs and timestamps",
    access: admins,
    params: jobParams,
    response: jobDetailsSchema,
    handler: (ctx, { params }) => getJobDetails(ctx, queueFor(ctx, params.queue), params.jobId),
  }),
  route({
    method: "post",
    path: "/admin/jobs/:queue/:jobId/retry",
    operationId: "retryJob",
    tag,
    summary: "Retry a failed job that BullMQ still holds",
    access: admins,
    params: jobParams,
    response: z.object({ id: z.string(), queue: z.string(), state: z.string() }),
    handler: (ctx, { params }) => retryFailedJob(ctx, queueFor(ctx, params.queue), params.jobId),
  }),
];
