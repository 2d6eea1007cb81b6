import type { SystemContext } from "../../context/service-context.ts";
import { findAutoCloseCandidates } from "./find-auto-close-candidates.ts";

/**
 * The auto-close scan: one `tickets.auto-close` job per resolved ticket past its organization's
 * delay. Each job is named by its ticket and resolution time, so overlapping scans close nothing
 * twice, and a ticket reopened and resolved again gets a job of its own (the old one may still be
 * held by BullMQ).
 */
export async function queueAutoCloses(ctx: SystemContext, now = new Date()) {
  const due = await findAutoCloseCandidates(ctx, now);
  await ctx.jobs.enqueueBulk(
    "tickets.auto-close",
    due.map(({ ticketId, organizationId, resolvedAt }) => ({
      payload: { ticketId, organizationId },
      options: { key: `auto-close-${ticketId}-${resolvedAt?.getTime() ?? 0}` },
    })),
  );
  return { enqueued: due.length };
}
