import { type SlaTarget, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq, isNull } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

export interface Deadline {
  organizationId: string;
  ticketId: string;
  target: SlaTarget;
  dueAt: Date;
}

/**
 * Records that a deadline passed unmet, once: under the run's row lock, only a run still going
 * with this very deadline and no breach yet is breached, and the breach row is unique per (ticket,
 * target, deadline) besides. Only the call that records it tells people, in the same transaction:
 * the `sla.breached` event (assignee or, unassigned, the agents; the admins; the policy's
 * escalation list) and, if the policy says so, the reassignment, each through the outbox.
 * A deadline that moved, was met or stopped, or is not due yet records nothing.
 */
export async function recordBreach(ctx: SystemContext, deadline: Deadline, now = new Date()) {
  if (deadline.dueAt > now) return { breached: false as const, reason: "not due yet" };
  return withTransaction(ctx, async (tx) => {
    const [clock] = await tx.db
      .select()
      .from(slaClocks)
      .where(
        and(
          eq(slaClocks.ticketId, deadline.ticketId),
          eq(slaClocks.organizationId, deadline.organizationId),
          eq(slaClocks.target, deadline.target),
          eq(slaClocks.dueAt, deadline.dueAt),
          isNull(slaClocks.metAt),
          isNull(slaClocks.stoppedAt),
          isNull(slaClocks.breachedAt),
        ),
      )
      .for("update");
    if (!clock)
      return { breached: false as const, reason: "the deadline moved, was met or is already recorded" };
    const [ticket] = await tx.db
      .select({
        id: tickets.id,
        organizationId: tickets.organizationId,
        priority: tickets.priority,
        assigneeId: tickets.assigneeId,
        slaPolicyId: tickets.slaPolicyId,
      })
      .from(tickets)
      .where(eq(tickets.id, deadline.ticketId));
    if (!ticket) return { breached: false as const, reason: "the ticket is gone" };
    const [breach] = await tx.db
      .insert(slaBreaches)
      .values({
        organizationId: ticket.organizationId,
        ticketId: ticket.id,
        target: deadline.target,
        dueAt: deadline.dueAt,
        breachedAt: now,
        priority: ticket.priority,
        assigneeId: ticket.assigneeId,
        policyId: ticket.slaPolicyId,
      })
      .onConflictDoNothing()
      .returning();
    if (!breach) return { breached: false as const, reason: "already recorded" };
    await tx.db
      .update(slaClocks)
      .set({ breachedAt: breach.breachedAt })
      .where(
        and(
          eq(slaClocks.ticketId, clock.ticketId),
          eq(slaClocks.target, clock.target),
          eq(slaClocks.startedAt, clock.startedAt),
        ),
      );
    const policy = ticket.slaPolicyId
      ? await tx.db.query.slaPolicies.findFirst({ where: eq(slaPolicies.id, ticket.slaPolicyId) })
      : undefined;
    const escalation = policy?.escalation ?? { notifyUserIds: [], reassignToId: null };
    const event = {
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      actorId: null,
      occurredAt: breach.breachedAt.toISOString(),
      target: deadline.target,
      dueAt: deadline.dueAt.toISOString(),
    };
    await tx.jobs.publish(tx, "ticket.event", {
      ...event,
      eventId: Bun.randomUUIDv7(),
      type: "sla.breached",
      breachedAt: breach.breachedAt.toISOString(),
      notifyUserIds: escalation.notifyUserIds,
    });
    if (escalation.reassignToId && escalation.reassignToId !== ticket.assigneeId) {
      await tx.db
        .update(tickets)
        .set({ assigneeId: escalation.reassignToId, slaDirty: true })
        .where(eq(tickets.id, ticket.id));
      await tx.jobs.publish(tx, "ticket.event", {
        ...event,
        eventId: Bun.randomUUIDv7(),
        type: "ticket.assigned",
        assigneeId: escalation.reassignToId,
      });
    }
    // The ticket's summary (nearest deadline, breached) follows.
    await syncTicketSla(tx, ticket.id, now);
    tx.log.info({ ticketId: ticket.id, target: deadline.target, dueAt: deadline.dueAt }, "SLA breached");
    return { breached: true as const, breachId: breach.id };
  });
}
