import { slaClocks, tickets } from "@helpdesk/db/schema";
import { and, asc, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { recordBreach } from "./record-breach.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

export interface ScanOptions {
  batchSize?: number;
  /** Younger than this, a sync or a timer is still expected to run on its own. */
  graceMs?: number;
  /** Stops after this long, leaving the rest to the next scan (they run every minute). */
  budgetMs?: number;
  /** The job's timeout: stops between batches, like the budget. */
  signal?: AbortSignal;
  /** Only this organization's tickets (an admin's "run now"); default: every organization's. */
  organizationId?: string;
}

/**
 * The safety net behind the timers (`sla.scan`, every minute): brings up to date tickets whose
 * sync never ran (a process died after the write), then records the breaches whose timer was lost,
 * oldest deadline first. Both walk a partial index in keyset batches: the work is what is overdue,
 * however many tickets are open.
 */
export async function scanSla(ctx: SystemContext, options: ScanOptions = {}, now = new Date()) {
  const batchSize = options.batchSize ?? 500;
  const settled = new Date(now.getTime() - (options.graceMs ?? 2_000));
  const stopAt = Date.now() + (options.budgetMs ?? 50_000);
  let synced = 0;
  let breached = 0;

  let after: { at: Date; id: string } | undefined;
  while (Date.now() < stopAt && !options.signal?.aborted) {
    const dirty = await ctx.db
      .select({ id: tickets.id, at: tickets.updatedAt })
      .from(tickets)
      .where(
        and(
          eq(tickets.slaDirty, true),
          lte(tickets.updatedAt, settled),
          options.organizationId ? eq(tickets.organizationId, options.organizationId) : undefined,
          after
            ? or(
                gt(tickets.updatedAt, after.at),
                and(eq(tickets.updatedAt, after.at), gt(tickets.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(tickets.updatedAt), asc(tickets.id))
      .limit(batchSize);
    for (const ticket of dirty) {
      await syncTicketSla(ctx, ticket.id, now);
      synced += 1;
    }
    if (dirty.length < batchSize) break;
    after = dirty.at(-1);
  }

  let past: { dueAt: Date; ticketId: string } | undefined;
  while (Date.now() < stopAt && !options.signal?.aborted) {
    const overdue = await ctx.db
      .select({
        organizationId: slaClocks.organizationId,
        ticketId: slaClocks.ticketId,
        target: slaClocks.target,
        dueAt: slaClocks.dueAt,
      })
      .from(slaClocks)
      .where(
        and(
          // The partial index's own condition, so the planner walks it.
          isNull(slaClocks.metAt),
          isNull(slaClocks.stoppedAt),
          isNull(slaClocks.breachedAt),
          isNotNull(slaClocks.dueAt),
          lte(slaClocks.dueAt, settled),
          options.organizationId ? eq(slaClocks.organizationId, options.organizationId) : undefined,
          past
            ? or(
                gt(slaClocks.dueAt, past.dueAt),
                and(eq(slaClocks.dueAt, past.dueAt), gt(slaClocks.ticketId, past.ticketId)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(slaClocks.dueAt), asc(slaClocks.ticketId))
      .limit(batchSize);
    for (const clock of overdue) {
      if (!clock.dueAt) continue;
      const result = await recordBreach(ctx, { ...clock, dueAt: clock.dueAt }, now);
      // Its organization's other overdue deadlines are recorded with it: the next ones find theirs done.
      if (result.breached) breached += result.together ?? 1;
    }
    const last = overdue.at(-1);
    if (overdue.length < batchSize || !last?.dueAt) break;
    past = { dueAt: last.dueAt, ticketId: last.ticketId };
  }
  return { synced, breached };
}
