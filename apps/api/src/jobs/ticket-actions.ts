import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { autoCloseTicket } from "../services/tickets/auto-close-ticket.ts";
import { findAutoCloseCandidates } from "../services/tickets/find-auto-close-candidates.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketActionHandlers = (
  ctx: SystemContext,
): Pick<Handlers, "tickets.auto-close-scan" | "tickets.auto-close"> => ({
  "tickets.auto-close-scan": async (_payload, { job, log }) => {
    const due = await findAutoCloseCandidates({ ...ctx, log }, new Date());
    // One job per ticket and resolution, id derived from both: overlapping scans don't close anything
    // twice, and a ticket reopened and resolved again gets a new job (the old one may still be held).
    await ctx.jobs.queue("ticket-actions").addBulk(
      due.map(({ ticketId, organizationId, resolvedAt }) => ({
        name: "tickets.auto-close",
        data: { ticketId, organizationId },
        opts: ctx.jobs.jobOptions("tickets.auto-close", organizationId, {
          jobId: `${organizationId}_auto-close-${ticketId}-${resolvedAt?.getTime() ?? 0}`,
        }),
      })),
    );
    await job.log(`enqueued ${due.length} auto-close jobs`);
    return { enqueued: due.length };
  },
  "tickets.auto-close": (payload, { log }) =>
    failPermanentlyIfGone(() => autoCloseTicket({ ...ctx, log }, payload)),
});
