import { jobIdFor } from "@helpdesk/jobs/job-ids";
import type { Job } from "bullmq";
import { z } from "zod";
import type { JobAdminContext } from "../../context/service-context.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from "../../lib/errors.ts";
import { enqueueDigests, enqueueWeeklyReports } from "../reports/enqueue-occurrences.ts";
import { loadOrganization } from "../reports/load-organization.ts";
import { currentDigest, lastCompleteWeek } from "../reports/schedule-periods.ts";
import { findRun } from "../reports/scheduled-runs.ts";

export const runSchedulerInput = z
  .object({
    /**
     * The organization whose digest or weekly report the platform operator runs (required of the
     * operator for those two). Ignored for an organization's admin, who always runs their own.
     */
    organizationId: z.string().max(100).optional(),
  })
  .default({});

/** The schedules that send an organization's occurrence: run now for one organization. */
const occurrenceRuns = ["reports.digest", "reports.weekly-report"] as const;
type OccurrenceRun = (typeof occurrenceRuns)[number];
const isOccurrenceRun = (id: string): id is OccurrenceRun =>
  (occurrenceRuns as readonly string[]).includes(id);

/**
 * "Run now" (docs/automations.md): the operator runs any scheduled job of the catalog as its
 * schedule would, and any organization's digest or weekly report (named in the body); an
 * organization's admin runs their own digest, weekly report or SLA scan, for the organization
 * their token names (never one from the request). An occurrence of the digest or report that was
 * already sent is not sent again: 409.
 */
export async function runSchedulerNow(
  ctx: JobAdminContext,
  id: string,
  input: z.output<typeof runSchedulerInput> = {},
  now = new Date(),
) {
  const definition = Object.hasOwn(ctx.jobs.catalog, id)
    ? ctx.jobs.catalog[id as keyof typeof ctx.jobs.catalog]
    : undefined;
  const scheduled = definition?.schedule !== undefined;
  if (!scheduled && !isOccurrenceRun(id)) throw new NotFoundError("Scheduler");
  if (!ctx.jobs.reachable) throw new UnavailableError("The job queues are unreachable; retry shortly");

  if (isOccurrenceRun(id)) {
    const organizationId = ctx.scope.kind === "operator" ? operatorsChoice(input) : ctx.scope.organizationId;
    return runOccurrence(ctx, id, organizationId, now);
  }
  if (ctx.scope.kind === "operator") {
    if (!definition) throw new NotFoundError("Scheduler");
    const job = await ctx.jobs
      .queue(definition.queue)
      .add(id, definition.schema.parse({}), ctx.jobs.jobOptions(id, null));
    return accepted(job, null);
  }
  if (id !== "sla.scan") throw new ForbiddenError(`Only the platform operator runs ${id}`);
  const organizationId = ctx.scope.organizationId;
  // While one is pending, asking again adds nothing: clicks can't flood the queue of SLA timers.
  // Deduplication, not a job key: a key would also collapse runs asked for after it finished.
  const job = await ctx.jobs.enqueue(
    "sla.scan",
    { organizationId },
    { deduplication: { id: jobIdFor(organizationId, "sla-scan-now") } },
  );
  return accepted(job, null);
}

function operatorsChoice(input: z.output<typeof runSchedulerInput>): string {
  const parsed = z.uuid().safeParse(input.organizationId);
  if (!parsed.success) {
    throw ValidationError.field(
      "body",
      "organizationId",
      input.organizationId === undefined
        ? "is required: the organization whose digest or report to send"
        : "must be an organization id (a UUID)",
    );
  }
  return parsed.data;
}

async function runOccurrence(ctx: JobAdminContext, id: OccurrenceRun, organizationId: string, now: Date) {
  const organization = await loadOrganization(ctx.db, organizationId);
  if (!organization) throw new NotFoundError("Organization");
  if (id === "reports.digest") {
    const { period } = currentDigest(now, organization.timezone, organization.digest);
    await refuseIfRan(ctx, { organizationId, kind: "digest", period });
    return accepted(only(await enqueueDigests(ctx.jobs, [{ organizationId, period }])), period);
  }
  const week = lastCompleteWeek(now, organization.timezone);
  await refuseIfRan(ctx, { organizationId, kind: "weekly_report", period: week });
  return accepted(only(await enqueueWeeklyReports(ctx.jobs, [{ organizationId, week }])), week);
}

async function refuseIfRan(ctx: JobAdminContext, key: Parameters<typeof findRun>[1]) {
  const run = await findRun(ctx.db, key);
  if (run)
    throw new ConflictError(`The ${key.kind.replace("_", " ")} of ${key.period} was already sent`, {
      period: key.period,
      finishedAt: run.finishedAt,
      sentCount: run.sentCount,
    });
}

function only(jobs: Job[]): Job {
  const [job] = jobs;
  if (!job || jobs.length > 1) throw new Error(`Expected one job, got ${jobs.length}`);
  return job;
}

const accepted = (job: Job, period: string | null) => ({
  jobId: job.id ?? "",
  name: job.name,
  queue: job.queueName,
  period,
});
