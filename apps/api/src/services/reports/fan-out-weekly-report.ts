import { withTransaction } from "@helpdesk/db/transaction";
import type { SystemContext } from "../../context/service-context.ts";
import { activeMembers } from "./active-members.ts";
import { findRun, recordRun } from "./scheduled-runs.ts";

export interface WeeklyReportOccurrence {
  organizationId: string;
  /** The ISO week reported on (`2026-W49`). */
  week: string;
}

/**
 * One organization's weekly report: an `email.weekly-report` job per active admin, written with
 * the `scheduled_runs` row in one transaction, so it goes out once however many jobs reach it.
 */
export async function fanOutWeeklyReport(
  ctx: SystemContext,
  occurrence: WeeklyReportOccurrence,
  startedAt = new Date(),
) {
  const key = {
    organizationId: occurrence.organizationId,
    kind: "weekly_report" as const,
    period: occurrence.week,
  };
  if (await findRun(ctx.db, key)) return { skipped: "already ran", week: occurrence.week };
  const admins = await activeMembers(ctx.db, occurrence.organizationId, ["admin"]);
  return withTransaction(ctx, async (tx) => {
    const ran = await recordRun(tx.db, { ...key, startedAt, sentCount: admins.length });
    if (!ran) return { skipped: "already ran", week: occurrence.week };
    for (const admin of admins) {
      await tx.jobs.publish(
        tx,
        "email.weekly-report",
        { ...occurrence, recipientId: admin.id },
        { key: `weekly-report-email-${occurrence.week}-${admin.id}` },
      );
    }
    ctx.log.info({ ...occurrence, recipients: admins.length }, "weekly report queued");
    return { week: occurrence.week, recipients: admins.length };
  });
}
