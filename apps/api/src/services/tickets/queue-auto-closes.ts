import type { SystemContext } from "../../context/service-context.ts";
import { autoCloseKey } from "./auto-close-timer.ts";
import { findAutoCloseCandidates } from "./find-auto-close-candidates.ts";

/**
 * The auto-close scan, the safety net behind the timers written at resolution: one
 * `tickets.auto-close` job per resolved ticket past its organization's delay. Its keys are its own
 * (`scan-…`), so a timer still waiting in BullMQ (the organization lowered its days since) doesn't
 * swallow the scan's close; overlapping scans still make one job per resolution, and a second close
 * of one ticket finds it closed and does nothing.
 */
export async function queueAutoCloses(ctx: SystemContext, now = new Date()) {
  const due = await findAutoCloseCandidates(ctx, now);
  await ctx.jobs.enqueueBulk(
    "tickets.auto-close",
    due.flatMap(({ ticketId, organizationId, resolvedAt }) =>
      resolvedAt
        ? [
            {
              payload: { ticketId, organizationId, resolvedAt: resolvedAt.toISOString() },
              options: { key: `scan-${autoCloseKey(ticketId, resolvedAt)}` },
            },
          ]
        : [],
    ),
  );
  return { enqueued: due.length };
}
