import { type SlaTarget, slaClocks } from "@helpdesk/db/schema";
import { sql } from "drizzle-orm";

/** Met on time: met by its deadline, and no breach recorded. */
const metOnTime = sql`${slaClocks.metAt} is not null and ${slaClocks.metAt} <= ${slaClocks.dueAt} and ${slaClocks.breachedAt} is null`;

/**
 * Breached: a breach recorded, met late, or its deadline passed while it ran (still running, or
 * stopped after the deadline before the breach was recorded). Never true of a run met on time.
 */
const breachedBy = (now: Date) =>
  sql`${slaClocks.breachedAt} is not null or ${slaClocks.metAt} > ${slaClocks.dueAt} or (${slaClocks.metAt} is null and ${slaClocks.dueAt} < coalesce(${slaClocks.stoppedAt}, ${now.toISOString()}::timestamptz))`;

/** Business seconds to meet a run, over the runs met (on time or late), rounded to the second. */
const metSeconds = (fraction: number) =>
  sql<
    number | null
  >`round(percentile_cont(${sql.raw(String(fraction))}) within group (order by ${slaClocks.businessSeconds}) filter (where ${slaClocks.metAt} is not null))`.mapWith(
    Number,
  );

/** The aggregates of one (group, target): select them with the group's key, grouped by both. */
export const runFigures = (now: Date) => ({
  target: slaClocks.target,
  tickets: sql<number>`count(distinct ${slaClocks.ticketId})`.mapWith(Number),
  met: sql<number>`count(*) filter (where ${metOnTime})`.mapWith(Number),
  breached: sql<number>`count(*) filter (where ${breachedBy(now)})`.mapWith(Number),
  medianSeconds: metSeconds(0.5),
  p90Seconds: metSeconds(0.9),
});

interface TargetRow {
  target: SlaTarget;
  tickets: number;
  met: number;
  breached: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface TargetFigures {
  tickets: number;
  met: number;
  breached: number;
  /** Percent met of the runs judged (met or breached), one decimal; null when none was. */
  compliance: number | null;
}

export interface GroupFigures {
  targets: { firstResponse: TargetFigures; nextResponse: TargetFigures; resolution: TargetFigures };
  firstResponseSeconds: { median: number | null; p90: number | null };
  resolutionSeconds: { median: number | null; p90: number | null };
}

/** One group's rows (one per target it has runs of) as the report shows the group. */
export function toGroupFigures(rows: readonly TargetRow[]): GroupFigures {
  const byTarget = new Map(rows.map((row) => [row.target, row]));
  const figures = (target: SlaTarget): TargetFigures => {
    const row = byTarget.get(target);
    const met = row?.met ?? 0;
    const breached = row?.breached ?? 0;
    const judged = met + breached;
    return {
      tickets: row?.tickets ?? 0,
      met,
      breached,
      compliance: judged === 0 ? null : Math.round((met * 1000) / judged) / 10,
    };
  };
  const seconds = (target: SlaTarget) => ({
    median: byTarget.get(target)?.medianSeconds ?? null,
    p90: byTarget.get(target)?.p90Seconds ?? null,
  });
  return {
    targets: {
      firstResponse: figures("first_response"),
      nextResponse: figures("next_response"),
      resolution: figures("resolution"),
    },
    firstResponseSeconds: seconds("first_response"),
    resolutionSeconds: seconds("resolution"),
  };
}
