import { slaClocks } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq, isNull } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import type { Deadline } from "./record-breach.ts";

/**
 * Warns the assignee that a deadline is near (80% of its allowance used), once per run and
 * deadline: under the run's row lock, a run still going with this very deadline and no warning
 * or breach yet gets its warning, and the `sla.warning` event goes through the outbox with it.
 */
export async function sendWarning(ctx: SystemContext, deadline: Deadline, now = new Date()) {
  return withTransaction(ctx, async (tx) => {
    const running = and(
      eq(slaClocks.ticketId, deadline.ticketId),
      eq(slaClocks.organizationId, deadline.organizationId),
      eq(slaClocks.target, deadline.target),
      eq(slaClocks.dueAt, deadline.dueAt),
      isNull(slaClocks.metAt),
      isNull(slaClocks.stoppedAt),
      isNull(slaClocks.breachedAt),
      isNull(slaClocks.warnedAt),
    );
    const [warned] = await tx.db.update(slaClocks).set({ warnedAt: now }).where(running).returning();
    if (!warned) return { warned: false };
    await tx.jobs.publish(tx, "ticket.event", {
      organizationId: deadline.organizationId,
      ticketId: deadline.ticketId,
      actorId: null,
      occurredAt: now.toISOString(),
      eventId: Bun.randomUUIDv7(),
      type: "sla.warning",
      target: deadline.target,
      dueAt: deadline.dueAt.toISOString(),
    });
    return { warned: true };
  });
}
