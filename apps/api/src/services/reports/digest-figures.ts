import type { Executor } from "@helpdesk/db/client";
import { slaBreaches, type TicketStatus, tickets } from "@helpdesk/db/schema";
import { and, asc, count, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { InstantRange } from "./local-time.ts";
import { countResolvedInPeriod } from "./resolved-in-period.ts";

/** A ticket still waiting on its agent or its customer: the digest's "your open tickets". */
export const openStatuses = ["new", "open", "pending"] as const satisfies readonly TicketStatus[];

/** The most open tickets one digest lists; the rest are counted ("and 12 more"). */
export const DIGEST_TICKET_LIMIT = 20;

export interface DigestCounts {
  /** Tickets created in the period. */
  new: number;
  /** Tickets that moved to resolved in the period, each once however often. */
  resolved: number;
  /** SLA breaches recorded in the period. */
  breached: number;
}

/** The organization's activity over the period, each count one indexed range scan. */
export async function digestCounts(
  db: Executor,
  organizationId: string,
  { from, to }: InstantRange,
): Promise<DigestCounts> {
  const [[created], resolved, [breached]] = await Promise.all([
    db
      .select({ n: count() })
      .from(tickets)
      .where(
        and(
          eq(tickets.organizationId, organizationId),
          gte(tickets.createdAt, from),
          lt(tickets.createdAt, to),
        ),
      ),
    countResolvedInPeriod(db, organizationId, { from, to }),
    db
      .select({ n: count() })
      .from(slaBreaches)
      .where(
        and(
          eq(slaBreaches.organizationId, organizationId),
          gte(slaBreaches.breachedAt, from),
          lt(slaBreaches.breachedAt, to),
        ),
      ),
  ]);
  return { new: created?.n ?? 0, resolved, breached: breached?.n ?? 0 };
}

export const hasActivity = (counts: DigestCounts) => counts.new + counts.resolved + counts.breached > 0;

/** How many open tickets each assignee of the organization holds (assignees with none are absent). */
export async function openTicketCounts(db: Executor, organizationId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ assigneeId: tickets.assigneeId, n: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.organizationId, organizationId),
        isNotNull(tickets.assigneeId),
        inArray(tickets.status, openStatuses),
      ),
    )
    .groupBy(tickets.assigneeId);
  return new Map(rows.flatMap((row) => (row.assigneeId ? [[row.assigneeId, row.n] as const] : [])));
}

/** One assignee's open tickets, oldest first, at most `limit`, and how many there are in all. */
export async function openTicketsOf(
  db: Executor,
  organizationId: string,
  assigneeId: string,
  limit = DIGEST_TICKET_LIMIT,
) {
  const mine = and(
    eq(tickets.organizationId, organizationId),
    eq(tickets.assigneeId, assigneeId),
    inArray(tickets.status, openStatuses),
  );
  const [list, [total]] = await Promise.all([
    db
      .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status })
      .from(tickets)
      .where(mine)
      .orderBy(asc(tickets.createdAt), asc(tickets.id))
      .limit(limit),
    db.select({ n: count() }).from(tickets).where(mine),
  ]);
  return { tickets: list, total: total?.n ?? 0 };
}
