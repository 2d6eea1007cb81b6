import { index, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { slaTarget } from "./sla-clocks.ts";
import { ticketPriority, tickets } from "./tickets.ts";

/**
 * A deadline that passed: one row per (ticket, target, deadline), however many timers, scans or
 * workers notice it, because the insert that creates it is the one that tells people.
 */
export const slaBreaches = pgTable(
  "sla_breaches",
  {
    id: id(),
    organizationId: organizationId(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    target: slaTarget().notNull(),
    dueAt: timestampMs().notNull(),
    breachedAt: timestampMs().notNull().defaultNow(),
    priority: ticketPriority().notNull(),
    /** The assignee when it was recorded. */
    assigneeId: uuid(),
    policyId: uuid(),
  },
  (t) => [
    uniqueIndex("sla_breaches_once").on(t.ticketId, t.target, t.dueAt),
    index("sla_breaches_org_breached_idx").on(t.organizationId, t.breachedAt.desc(), t.id.desc()),
  ],
);

export type SlaBreach = typeof slaBreaches.$inferSelect;
