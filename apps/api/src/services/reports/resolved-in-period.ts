import type { Executor } from "@helpdesk/db/client";
import { ticketStatusChanges } from "@helpdesk/db/schema";
import { and, countDistinct, eq, gte, lt } from "drizzle-orm";
import type { InstantRange } from "./local-time.ts";

/**
 * The organization's moves to `resolved` within the period: a ticket resolved, reopened and
 * resolved again counts once wherever these rows are counted by ticket. Walks the status-change
 * index by organization and time.
 */
export const resolvedInPeriod = (organizationId: string, { from, to }: InstantRange) =>
  and(
    eq(ticketStatusChanges.organizationId, organizationId),
    gte(ticketStatusChanges.changedAt, from),
    lt(ticketStatusChanges.changedAt, to),
    eq(ticketStatusChanges.toStatus, "resolved"),
  );

/** How many tickets were resolved in the period, each once however often. */
export async function countResolvedInPeriod(db: Executor, organizationId: string, period: InstantRange) {
  const [row] = await db
    .select({ n: countDistinct(ticketStatusChanges.ticketId) })
    .from(ticketStatusChanges)
    .where(resolvedInPeriod(organizationId, period));
  return row?.n ?? 0;
}
