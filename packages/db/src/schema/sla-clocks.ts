import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { slaTargets } from "./sla-policies.ts";
import { ticketPriority, tickets } from "./tickets.ts";

export const slaTarget = pgEnum("sla_target", slaTargets);

/** A span during which a clock did not run (the ticket was pending), as stored. */
export interface StoredPause {
  from: string;
  to: string | null;
}

/**
 * One run of one SLA target on one ticket: a first response (once), a next response (after each
 * customer message that waits for an answer), a resolution (again after each reopening). Derived
 * from the ticket's history by the SLA sync (apps/api/src/services/sla/), which also keeps its
 * timers; kept per run so the report can look back.
 */
export const slaClocks = pgTable(
  "sla_clocks",
  {
    organizationId: organizationId(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    target: slaTarget().notNull(),
    startedAt: timestampMs().notNull(),
    /** The policy's allowance when last computed, in business minutes. */
    minutes: integer().notNull(),
    priority: ticketPriority().notNull(),
    assigneeId: uuid(),
    pauses: jsonb().$type<StoredPause[]>().notNull().default([]),
    /** The deadline, kept once met or stopped (to judge it); null while a pause still lasts. */
    dueAt: timestampMs(),
    /** When 80% of the allowance is used: the warning. */
    warnAt: timestampMs(),
    metAt: timestampMs(),
    /** Business seconds from start to met, for the report. */
    businessSeconds: integer(),
    /** Ended without being met: the ticket was resolved or closed first, or lost its SLA. */
    stoppedAt: timestampMs(),
    warnedAt: timestampMs(),
    breachedAt: timestampMs(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.target, t.startedAt] }),
    // The scan: running clocks past their deadline with no breach recorded, oldest first.
    index("sla_clocks_running_due_idx")
      .on(t.dueAt, t.ticketId)
      .where(
        sql`${t.metAt} is null and ${t.stoppedAt} is null and ${t.breachedAt} is null and ${t.dueAt} is not null`,
      ),
    // The report: clocks of a period, per organization.
    index("sla_clocks_org_started_idx").on(t.organizationId, t.startedAt),
  ],
);

export type SlaClock = typeof slaClocks.$inferSelect;
