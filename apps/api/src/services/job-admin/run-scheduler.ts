import type { Job } from "bullmq";
import type { JobAdminContext } from "../../context/service-context.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from "../../lib/errors.ts";
import { loadOrganization } from "../reports/load-organization.ts";
import { currentDigest, lastCompleteWeek } from "../reports/schedule-periods.ts";
import { findRun } from "../reports/scheduled-runs.ts";

/** What an organization's admin may run now: their organization's share of these schedules. */
const organizationRuns = ["reports.digest", "reports.weekly-report", "sla.scan"] as const;
type OrganizationRun = (typeof organizationRuns)[number];
const isOrganizationRun = (id: string): id is OrganizationRun =>
  (organizationRuns as readonly string[]).includes(id);

/**
 * "Run now" (docs/automations.md): the operator runs any scheduled job of the catalog as its
 * schedule would; an organization's admin runs their own digest, weekly report or SLA scan, for
 * the organization their token names (never one from the request). An occurrence of the digest or
 * report that was already sent is not sent again: 409.
 */
export async function runSchedulerNow(ctx: JobAdminContext, id: string, now = new Date()) {
  const definition = Object.hasOwn(ctx.jobs.catalog, id)
    ? ctx.jobs.catalog[id as keyof typeof ctx.jobs.catalog]
    : undefined;
  const scheduled = definition?.schedule !== undefined;
  if (!scheduled && !isOrganizationRun(id)) throw new NotFoundError("Scheduler");
  if (!ctx.jobs.reachable) throw new UnavailableError("The job queues are unreachable; retry shortly");

  if (ctx.scope.kind === "operator") {
    if (!definition || !scheduled)
      throw new ForbiddenError(
        `${id} runs for one organization: its admin runs it, or run reports.schedules`,
      );
    const job = await ctx.jobs
      .queue(definition.queue)
      .add(id, definition.schema.parse({}), ctx.jobs.jobOptions(id, null));
    return accepted(job, null);
  }
  if (!isOrganizationRun(id)) throw new ForbiddenError(`Only the platform operator runs ${id}`);
  const organizationId = ctx.scope.organizationId;
  if (id === "sla.scan") return accepted(await ctx.jobs.enqueue("sla.scan", { organizationId }), null);

  const organization = await loadOrganization(ctx.db, organizationId);
  if (!organization) throw new NotFoundError("Organization");
  if (id === "reports.digest") {
    const { period } = currentDigest(now, organization.timezone, organization.digest);
    await refuseIfRan(ctx, { organizationId, kind: "digest", period });
    const job = await ctx.jobs.enqueue(
      "reports.digest",
      { organizationId, period },
      { key: `digest-${period}` },
    );
    return accepted(job, period);
  }
  const week = lastCompleteWeek(now, organization.timezone);
  await refuseIfRan(ctx, { organizationId, kind: "weekly_report", period: week });
  const job = await ctx.jobs.enqueue(
    "reports.weekly-report",
    { organizationId, week },
    { key: `weekly-report-${week}` },
  );
  return accepted(job, week);
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

const accepted = (job: Job, period: string | null) => ({
  jobId: job.id ?? "",
  name: job.name,
  queue: job.queueName,
  period,
});
