import type { SlaClock } from "@helpdesk/db/schema";
import type { SystemContext } from "../../context/service-context.ts";
import type { DerivedClock } from "./derive-clocks.ts";

/**
 * A running clock's timers, through the outbox in the caller's transaction: `sla.check` at the
 * deadline and `sla.warn` at 80%, each named by (ticket, target, deadline), so a second sync of
 * the same deadline adds nothing, and a timer of an outdated deadline finds nothing to do.
 */
export async function scheduleClockTimers(
  tx: SystemContext,
  ticket: { id: string; organizationId: string },
  clock: DerivedClock,
  before: SlaClock | undefined,
) {
  if (!clock.dueAt) return; // paused: no deadline until it resumes
  const payload = {
    organizationId: ticket.organizationId,
    ticketId: ticket.id,
    target: clock.target,
    dueAt: clock.dueAt.toISOString(),
  };
  const name = `${ticket.id}-${clock.target}-${clock.dueAt.getTime()}`;
  if (before?.dueAt?.getTime() !== clock.dueAt.getTime() || !before) {
    await tx.jobs.publish(tx, "sla.check", payload, { key: `sla-check-${name}`, runAt: clock.dueAt });
  }
  const warnChanged = before?.warnAt?.getTime() !== clock.warnAt?.getTime() || !before;
  if (clock.warnAt && warnChanged && !before?.warnedAt && clock.warnAt.getTime() < clock.dueAt.getTime()) {
    await tx.jobs.publish(tx, "sla.warn", payload, { key: `sla-warn-${name}`, runAt: clock.warnAt });
  }
}
