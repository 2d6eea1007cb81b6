import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context.ts";
import { autoCloseTicket } from "../services/tickets/auto-close-ticket.ts";
import { findAutoCloseCandidates } from "../services/tickets/find-auto-close-candidates.ts";
import { failPermanentlyIfGone } from "./permanent.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketActionHandlers = (
  ctx: SystemContext,
): Pick<Handlers, "tickets.auto-close-scan" | "tickets.auto-close"> => ({
  "tickets.auto-close-scan": async (_payload, { job, log }) => {
    const due = await findAutoCloseCandidates({ ...ctx, log }, new Date());
    // One job per ticket, id derived from the ticket: overlapping scans don't close anything twice.
    await ctx.jobs.queue("ticket-actions").addBulk(
      due.map((ticket) => ({
        name: "tickets.auto-close",
        data: ticket,
        opts: ctx.jobs.jobOptions("tickets.auto-close", ticket.organizationId, {
          jobId: `${ticket.organizationId}_auto-close-${ticket.ticketId}`,
        }),
      })),
    );
    await job.log(`enqueued ${due.length} auto-close jobs`);
    return { enqueued: due.length };
  },
  "tickets.auto-close": (payload, { log }) =>
    failPermanentlyIfGone(() => autoCloseTicket({ ...ctx, log }, payload)),
});
