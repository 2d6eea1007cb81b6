import { organizations, ticketStatusChanges, tickets } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { syncTicketSla } from "../sla/sync-ticket-sla.ts";

const DAY_MS = 86_400_000;

/**
 * Closes a resolved ticket whose auto-close delay has passed. Re-checks under the row lock: the
 * customer may have replied (reopening it) between the scan and this job, which is then a no-op.
 */
export async function autoCloseTicket(
  ctx: SystemContext,
  input: { organizationId: string; ticketId: string },
) {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ ticket: tickets, autoCloseDays: organizations.autoCloseDays })
      .from(tickets)
      .innerJoin(organizations, eq(organizations.id, tickets.organizationId))
      .where(and(eq(tickets.id, input.ticketId), eq(tickets.organizationId, input.organizationId)))
      .for("update", { of: tickets });
    if (!row) throw new NotFoundError("Ticket");
    const { ticket, autoCloseDays } = row;
    const due = ticket.resolvedAt && ticket.resolvedAt.getTime() + autoCloseDays * DAY_MS <= Date.now();
    if (ticket.status !== "resolved" || !due) return { closed: false };
    const now = new Date();
    await tx.db
      .update(tickets)
      .set({ status: "closed", closedAt: now, closedReason: "auto" })
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
    tx.log.info({ ticketId: ticket.id }, "ticket auto-closed");
    return { closed: true };
  });
}
