import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";

export const scheduledRunKinds = ["digest", "weekly_report"] as const;
export type ScheduledRunKind = (typeof scheduledRunKinds)[number];

/**
 * One row per occurrence of an organization's schedule (its digest of a local day, its report of
 * an ISO week). The unique key is what makes an occurrence run once, however many schedulers,
 * workers or retries reach it.
 */
export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    id: id(),
    organizationId: organizationId(),
    kind: text().$type<ScheduledRunKind>().notNull(),
    /** The occurrence: a local date (`2026-12-03`) for digests, an ISO week (`2026-W49`) for reports. */
    period: text().notNull(),
    /** How many e-mails it queued; null until it finished. */
    sentCount: integer(),
    startedAt: timestampMs().notNull().defaultNow(),
    finishedAt: timestampMs(),
  },
  (t) => [uniqueIndex("scheduled_runs_occurrence_unique").on(t.organizationId, t.kind, t.period)],
);

export type ScheduledRun = typeof scheduledRuns.$inferSelect;
