import type { Executor } from "@helpdesk/db/client";
import { type ScheduledRunKind, scheduledRuns } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";

export interface RunKey {
  organizationId: string;
  kind: ScheduledRunKind;
  period: string;
}

/** The occurrence's row if it already ran. */
export async function findRun(db: Executor, key: RunKey) {
  const [row] = await db
    .select()
    .from(scheduledRuns)
    .where(
      and(
        eq(scheduledRuns.organizationId, key.organizationId),
        eq(scheduledRuns.kind, key.kind),
        eq(scheduledRuns.period, key.period),
      ),
    );
  return row;
}

/**
 * Records that the occurrence ran, unless it already had: true for the one caller whose row went
 * in. Written in the transaction that publishes the occurrence's e-mails, so the row and the
 * e-mails exist together or not at all.
 */
export async function recordRun(
  db: Executor,
  run: RunKey & { startedAt: Date; sentCount: number },
): Promise<boolean> {
  const inserted = await db
    .insert(scheduledRuns)
    .values({ ...run, finishedAt: new Date() })
    .onConflictDoNothing({
      target: [scheduledRuns.organizationId, scheduledRuns.kind, scheduledRuns.period],
    })
    .returning({ id: scheduledRuns.id });
  return inserted.length > 0;
}
