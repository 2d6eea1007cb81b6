import { organizations, ticketStatusChanges, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { syncTicketSla } from "../sla/sync-ticket-sla.ts";
import { autoCloseDueAt } from "./auto-close-timer.ts";
import { closedReasons } from "./status-machine.ts";

export type AutoCloseOutcome =
  | { closed: true }
  | { closed: false; reason: "not_resolved" | "resolved_again" }
  /** Still resolved, not due yet (the organization's days were raised since the timer was set). */
  | { closed: false; reason: "not_due"; dueAt: Date };

/**
 * Closes a resolved ticket once its organization's `autoCloseDays` have passed since `resolvedAt`.
 * Decided under the row lock, on the ticket and the days as they are now: the customer may have
 * replied (reopening it), or it was resolved again (a newer timer owns that resolution), and then
 * this is a no-op. A ticket closed already is one too, so a retried or duplicated job closes once,
 * and its one status change is what e-mails the customer.
 */
export async function autoCloseTicket(
  ctx: SystemContext,
  input: { organizationId: string; ticketId: string; resolvedAt?: string },
  now = new Date(),
): Promise<AutoCloseOutcome> {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ ticket: tickets, autoCloseDays: organizations.autoCloseDays })
      .from(tickets)
      .innerJoin(organizations, eq(organizations.id, tickets.organizationId))
      .where(and(eq(tickets.id, input.ticketId), eq(tickets.organizationId, input.organizationId)))
      .for("update", { of: tickets });
    if (!row) throw new NotFoundError("Ticket");
    const { ticket, autoCloseDays } = row;
    if (ticket.status !== "resolved" || !ticket.resolvedAt) return { closed: false, reason: "not_resolved" };
    if (input.resolvedAt && new Date(input.resolvedAt).getTime() !== ticket.resolvedAt.getTime()) {
      return { closed: false, reason: "resolved_again" };
    }
    const dueAt = autoCloseDueAt(ticket.resolvedAt, autoCloseDays);
    if (dueAt > now) return { closed: false, reason: "not_due", dueAt };

    await tx.db
      .update(tickets)
      .set({ status: "closed", closedAt: now, closedReason: closedReasons.autoClosed, updatedAt: now })
      .where(eq(tickets.id, ticket.id));
    await tx.db.insert(ticketStatusChanges).values({
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      fromStatus: "resolved",
      toStatus: "closed",
      changedAt: now,
    });
    // Closing stops what still runs (a reopened ticket's clocks): in the same transaction.
    if (ticket.slaPolicyId) await syncTicketSla(tx, ticket.id, now);
    await tx.jobs.publish(tx, "ticket.event", {
      type: "ticket.status_changed",
      organizationId: ticket.organizationId,
      ticketId: ticket.id,
      actorId: null,
      fromStatus: "resolved",
      toStatus: "closed",
      occurredAt: now.toISOString(),
      eventId: Bun.randomUUIDv7(),
    });
    tx.log.info({ ticketId: ticket.id, organizationId: ticket.organizationId }, "ticket auto-closed");
    return { closed: true };
  });
}
