import {
  type SlaClock,
  type SlaPolicy,
  slaClocks,
  slaPolicies,
  type TicketPriority,
  ticketMessages,
  ticketStatusChanges,
  tickets,
} from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, asc, eq, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import type { Pause } from "./business-time.ts";
import { type Allowances, type DerivedClock, deriveClocks } from "./derive-clocks.ts";
import { scheduleClockTimers } from "./timers.ts";

/**
 * Brings a ticket's SLA clocks, their timers and the ticket's SLA summary up to date with its
 * history, in one transaction under the ticket's row lock: the deadline and the timers that watch
 * it are written together (the timers through the outbox). Run after every write that may move a
 * clock (the write marks the ticket `sla_dirty` in its own statement), and by the scan for a
 * ticket whose sync never ran. Idempotent: clocks are derived from the history, not stepped.
 */
export async function syncTicketSla(ctx: SystemContext, ticketId: string, now = new Date()) {
  return withTransaction(ctx, async (tx) => {
    const [ticket] = await tx.db
      .select({
        id: tickets.id,
        organizationId: tickets.organizationId,
        customerId: tickets.customerId,
        assigneeId: tickets.assigneeId,
        priority: tickets.priority,
        createdAt: tickets.createdAt,
        slaPolicyId: tickets.slaPolicyId,
      })
      .from(tickets)
      .where(eq(tickets.id, ticketId))
      .for("update");
    if (!ticket) return undefined;
    const policy = ticket.slaPolicyId
      ? await tx.db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, ticket.slaPolicyId) })
      : undefined;
    const stored = await tx.db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticket.id));
    let desired: DerivedClock[] = [];
    if (policy) {
      const statusChanges = await tx.db
        .select({ to: ticketStatusChanges.toStatus, at: ticketStatusChanges.changedAt })
        .from(ticketStatusChanges)
        .where(eq(ticketStatusChanges.ticketId, ticket.id))
        .orderBy(asc(ticketStatusChanges.changedAt));
      const messages = await tx.db
        .select({ authorId: ticketMessages.authorId, at: ticketMessages.createdAt })
        .from(ticketMessages)
        .where(and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.internal, false)))
        .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
      desired = deriveClocks(
        {
          createdAt: ticket.createdAt,
          statusChanges,
          // The ticket's first message is the request itself (whoever typed it), not a reply.
          publicMessages: messages
            .slice(1)
            .map((message) => ({ fromCustomer: message.authorId === ticket.customerId, at: message.at })),
        },
        allowancesFor(policy, ticket.priority),
        policy.businessHours,
        now,
      );
    }

    const byKey = new Map(stored.map((clock) => [keyOf(clock.target, clock.startedAt), clock]));
    const wanted = new Set<string>();
    const running: (DerivedClock & { breachedAt: Date | null })[] = [];
    for (const clock of desired) {
      const key = keyOf(clock.target, clock.startedAt);
      wanted.add(key);
      const before = byKey.get(key);
      const isRunning = !clock.metAt && !clock.stoppedAt;
      if (isRunning) running.push({ ...clock, breachedAt: before?.breachedAt ?? null });
      if (before && same(before, clock)) continue;
      const values = {
        minutes: clock.minutes,
        priority: ticket.priority,
        // Who answers for a run: the assignee while it runs, as it was when it ended after.
        assigneeId: isRunning || !before ? ticket.assigneeId : before.assigneeId,
        pauses: clock.pauses.map(storedPause),
        dueAt: clock.dueAt,
        warnAt: clock.warnAt,
        metAt: clock.metAt,
        businessSeconds: clock.businessSeconds,
        stoppedAt: clock.stoppedAt,
      };
      await tx.db
        .insert(slaClocks)
        .values({
          organizationId: ticket.organizationId,
          ticketId: ticket.id,
          target: clock.target,
          startedAt: clock.startedAt,
          ...values,
        })
        .onConflictDoUpdate({
          target: [slaClocks.ticketId, slaClocks.target, slaClocks.startedAt],
          set: values,
        });
      if (isRunning) {
        await scheduleClockTimers(tx, ticket, clock, before);
      }
    }
    // Runs the history no longer has (the policy went, or changed its targets): stopped, kept.
    for (const clock of stored) {
      if (wanted.has(keyOf(clock.target, clock.startedAt)) || clock.metAt || clock.stoppedAt) continue;
      await tx.db
        .update(slaClocks)
        .set({ stoppedAt: now })
        .where(
          and(
            eq(slaClocks.ticketId, clock.ticketId),
            eq(slaClocks.target, clock.target),
            eq(slaClocks.startedAt, clock.startedAt),
          ),
        );
    }

    // The nearest deadline of what still runs, passed or not: lists sort by it, most overdue first.
    const next = running
      .filter((clock) => clock.dueAt)
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0))[0];
    const breached = running.some((clock) => clock.breachedAt || (clock.dueAt && clock.dueAt <= now));
    await tx.db
      .update(tickets)
      .set({
        slaDirty: false,
        slaNextDueAt: next?.dueAt ?? null,
        slaNextWarnAt: next?.warnAt ?? null,
        slaBreached: breached,
        // The sync is bookkeeping: the ticket's own `updated_at` keeps meaning "last changed".
        updatedAt: sql`${tickets.updatedAt}`,
      })
      .where(eq(tickets.id, ticket.id));
    return desired;
  });
}

/** A policy's allowances for one priority, in minutes, by target. */
export function allowancesFor(policy: Pick<SlaPolicy, "targets">, priority: TicketPriority): Allowances {
  const targets = policy.targets[priority] ?? {};
  return {
    ...(targets.firstResponseMinutes ? { first_response: targets.firstResponseMinutes } : {}),
    ...(targets.nextResponseMinutes ? { next_response: targets.nextResponseMinutes } : {}),
    ...(targets.resolutionMinutes ? { resolution: targets.resolutionMinutes } : {}),
  };
}

const keyOf = (target: string, startedAt: Date) => `${target}@${startedAt.getTime()}`;

const storedPause = (pause: Pause) => ({
  from: pause.from.toISOString(),
  to: pause.to?.toISOString() ?? null,
});

const time = (date: Date | null) => date?.getTime() ?? null;

/** Whether the stored run already says what the history says. */
function same(before: SlaClock, clock: DerivedClock): boolean {
  return (
    before.minutes === clock.minutes &&
    time(before.dueAt) === time(clock.dueAt) &&
    time(before.warnAt) === time(clock.warnAt) &&
    time(before.metAt) === time(clock.metAt) &&
    time(before.stoppedAt) === time(clock.stoppedAt) &&
    before.businessSeconds === clock.businessSeconds &&
    JSON.stringify(before.pauses) === JSON.stringify(clock.pauses.map(storedPause))
  );
}
