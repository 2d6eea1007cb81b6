import { organizations, tickets } from "@helpdesk/db/schema";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";

/**
 * Resolved tickets whose organization's `autoCloseDays` have passed since they were resolved,
 * oldest first, at most `limit` per scan (the next scan takes the rest). Days are counted as 24
 * hours, as the timer set at resolution counts them (auto-close-timer.ts).
 */
export async function findAutoCloseCandidates(ctx: SystemContext, now: Date, limit = 1_000) {
  return ctx.db
    .select({ ticketId: tickets.id, organizationId: tickets.organizationId, resolvedAt: tickets.resolvedAt })
    .from(tickets)
    .innerJoin(organizations, eq(organizations.id, tickets.organizationId))
    .where(
      and(
        eq(tickets.status, "resolved"),
        // An ISO string, cast: postgres.js can't bind a Date given to a raw `sql` fragment.
        lt(
          tickets.resolvedAt,
          sql`${now.toISOString()}::timestamptz - make_interval(hours => 24 * ${organizations.autoCloseDays})`,
        ),
      ),
    )
    .orderBy(asc(tickets.resolvedAt))
    .limit(limit);
}
