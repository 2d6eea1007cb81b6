import type { Executor } from "@helpdesk/db/client";
import { tickets } from "@helpdesk/db/schema";
import { and, eq, ne, sql } from "drizzle-orm";

/**
 * A policy's targets or hours changed (or it is going): every ticket still open under it needs its
 * clocks derived again. Marked in the policy's own transaction; the scan syncs them in batches,
 * within a minute, however many there are.
 */
export async function markTicketsDirty(db: Executor, policyId: string, organizationId?: string) {
  await db
    .update(tickets)
    // Bookkeeping: the tickets' own `updated_at` keeps meaning "last changed".
    .set({ slaDirty: true, updatedAt: sql`${tickets.updatedAt}` })
    .where(
      and(
        eq(tickets.slaPolicyId, policyId),
        ne(tickets.status, "closed"),
        organizationId ? eq(tickets.organizationId, organizationId) : undefined,
      ),
    );
}
