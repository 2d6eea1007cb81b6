import { anyOf } from "@helpdesk/db/any-of";
import { organizations, scheduledRuns } from "@helpdesk/db/schema";
import { and, asc, gt } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { enqueueDigests, enqueueWeeklyReports } from "./enqueue-occurrences.ts";
import { dueDigest, dueWeeklyReport, type Occurrence } from "./schedule-periods.ts";

const BATCH = 1_000;

/**
 * `reports.schedules`, every quarter of an hour: finds the organizations whose digest or weekly
 * report is due at `now` in their own zone and not yet sent, and enqueues one job per occurrence,
 * named by it (`digest-2026-12-02`, `weekly-report-2026-W49`), so overlapping ticks add nothing;
 * one whose job failed every attempt is retried, by every tick of the local day it is due. The job
 * itself re-checks `scheduled_runs`: this scan only keeps ticks from adding jobs for occurrences
 * long done.
 */
export async function scanSchedules(ctx: SystemContext, now = new Date()) {
  let digests = 0;
  let reports = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await ctx.db
      .select({
        id: organizations.id,
        timezone: organizations.timezone,
        digest: organizations.digest,
        weeklyReport: organizations.weeklyReport,
      })
      .from(organizations)
      .where(after ? gt(organizations.id, after) : undefined)
      .orderBy(asc(organizations.id))
      .limit(BATCH);
    const due: { organizationId: string; digest: Occurrence | null; report: Occurrence | null }[] = [];
    for (const organization of batch) {
      try {
        due.push({
          organizationId: organization.id,
          digest: dueDigest(now, organization.timezone, organization.digest),
          report: dueWeeklyReport(now, organization.timezone, organization.weeklyReport),
        });
      } catch (error) {
        // One organization's bad zone must not hold up every other organization's schedule.
        ctx.log.warn({ err: error, organizationId: organization.id }, "schedule skipped");
      }
    }
    const done = await ranAlready(ctx, due);
    const digestJobs = due.flatMap(({ organizationId, digest }) =>
      digest && !done.has(`${organizationId}/digest/${digest.period}`)
        ? [{ organizationId, period: digest.period }]
        : [],
    );
    const reportJobs = due.flatMap(({ organizationId, report }) =>
      report && !done.has(`${organizationId}/weekly_report/${report.period}`)
        ? [{ organizationId, week: report.period }]
        : [],
    );
    await enqueueDigests(ctx.jobs, digestJobs);
    await enqueueWeeklyReports(ctx.jobs, reportJobs);
    digests += digestJobs.length;
    reports += reportJobs.length;
    after = batch.at(-1)?.id;
    if (batch.length < BATCH) break;
  }
  return { digests, reports };
}

/** The occurrences among `due` that already ran, as `organization/kind/period` keys. */
async function ranAlready(
  ctx: SystemContext,
  due: { organizationId: string; digest: Occurrence | null; report: Occurrence | null }[],
) {
  const periods = new Set(
    due.flatMap((d) => [d.digest?.period, d.report?.period].filter((p) => p !== undefined)),
  );
  const ids = due.filter((d) => d.digest || d.report).map((d) => d.organizationId);
  if (ids.length === 0) return new Set<string>();
  const rows = await ctx.db
    .select({
      organizationId: scheduledRuns.organizationId,
      kind: scheduledRuns.kind,
      period: scheduledRuns.period,
    })
    .from(scheduledRuns)
    .where(and(anyOf(scheduledRuns.organizationId, ids), anyOf(scheduledRuns.period, [...periods])));
  return new Set(rows.map((row) => `${row.organizationId}/${row.kind}/${row.period}`));
}
