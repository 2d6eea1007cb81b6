import { organizationOfJobId } from "@helpdesk/jobs/job-ids";
import type { Job, Queue } from "bullmq";
import type { JobAdminContext } from "../../context/service-context.ts";

const STATES = ["waiting", "active", "completed", "failed", "delayed", "prioritized"] as const;
type State = (typeof STATES)[number];
/**
 * BullMQ 6 has no separate paused list: a paused queue's jobs stay in wait. `paused` reports them
 * (and is 0 on a running queue) so the shape stays the familiar one.
 */
export type JobCounts = Record<State | "paused", number>;

/** How many ids per state an organization-scoped count reads; beyond it the counts say `truncated`. */
const SCAN_LIMIT = 10_000;

/**
 * Per-state job counts of one queue. The operator gets BullMQ's counts; an organization's admin
 * gets counts of their own jobs, found by the organization prefix of the job ids.
 */
export async function countJobs(ctx: JobAdminContext, queue: Queue) {
  const paused = await queue.isPaused();
  if (ctx.scope.kind === "operator") {
    const counts = (await queue.getJobCounts(...STATES)) as Record<State, number>;
    return { counts: { ...counts, paused: paused ? counts.waiting : 0 }, paused, truncated: false };
  }
  const { organizationId } = ctx.scope;
  const counts = {} as Record<State, number>;
  let truncated = false;
  for (const state of STATES) {
    const ids = await queue.getRanges([state], 0, SCAN_LIMIT - 1);
    truncated ||= ids.length === SCAN_LIMIT;
    counts[state] = ids.filter((id) => organizationOfJobId(id) === organizationId).length;
  }
  return { counts: { ...counts, paused: paused ? counts.waiting : 0 }, paused, truncated };
}

export async function getAllQueueStats(ctx: JobAdminContext, queues: Queue[]) {
  return Promise.all(queues.map(async (queue) => ({ queue: queue.name, ...(await countJobs(ctx, queue)) })));
}

const MINUTE = 60_000;
const SAMPLE = 200;

/**
 * Counts plus throughput over the last hour (completed/failed per minute, oldest first) and the
 * average processing time of recent completed jobs. The operator's series come from BullMQ's
 * metrics; an organization's are computed from its jobs that BullMQ still retains.
 */
export async function getQueueStats(ctx: JobAdminContext, queue: Queue) {
  const base = await countJobs(ctx, queue);
  const recentCompleted = await ownJobs(ctx, queue, "completed");
  const durations = recentCompleted
    .filter((job) => job.processedOn && job.finishedOn)
    .map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0));
  const averageProcessingMs = durations.length
    ? Math.round(durations.reduce((sum, ms) => sum + ms, 0) / durations.length)
    : null;
  let perMinute: { completed: number[]; failed: number[] };
  if (ctx.scope.kind === "operator") {
    const [completed, failed] = await Promise.all([
      queue.getMetrics("completed", 0, 59),
      queue.getMetrics("failed", 0, 59),
    ]);
    // BullMQ lists newest minute first; clients plot oldest → newest.
    perMinute = { completed: padHour(completed.data).reverse(), failed: padHour(failed.data).reverse() };
  } else {
    const recentFailed = await ownJobs(ctx, queue, "failed");
    perMinute = { completed: bucketByMinute(recentCompleted), failed: bucketByMinute(recentFailed) };
  }
  return {
    queue: queue.name,
    ...base,
    perMinute,
    averageProcessingMs,
    sampleSize: durations.length,
  };
}

async function ownJobs(ctx: JobAdminContext, queue: Queue, state: "completed" | "failed"): Promise<Job[]> {
  if (ctx.scope.kind === "operator") return queue.getJobs([state], 0, SAMPLE - 1);
  const { organizationId } = ctx.scope;
  const ids = (await queue.getRanges([state], 0, SCAN_LIMIT - 1))
    .filter((id) => organizationOfJobId(id) === organizationId)
    .slice(0, SAMPLE);
  const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
  return jobs.filter((job): job is Job => Boolean(job));
}

const padHour = (points: number[]) => Array.from({ length: 60 }, (_, i) => Number(points[i] ?? 0));

function bucketByMinute(jobs: Job[]): number[] {
  const now = Date.now();
  const buckets = new Array<number>(60).fill(0);
  for (const job of jobs) {
    const age = Math.floor((now - (job.finishedOn ?? 0)) / MINUTE);
    if (age >= 0 && age < 60) buckets[59 - age] = (buckets[59 - age] ?? 0) + 1;
  }
  return buckets;
}
