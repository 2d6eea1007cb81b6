import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { autoCloseTicket } from "../services/tickets/auto-close-ticket.ts";
import { queueAutoCloses } from "../services/tickets/queue-auto-closes.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const ticketActionHandlers = (
  ctx: SystemContext,
): Pick<Handlers, "tickets.auto-close-scan" | "tickets.auto-close"> => ({
  "tickets.auto-close-scan": async (_payload, { job, log }) => {
    const result = await queueAutoCloses({ ...ctx, log });
    await job.log(`enqueued ${result.enqueued} auto-close jobs`);
    return result;
  },
  "tickets.auto-close": async (payload, run) => {
    const outcome = await failPermanentlyIfGone(() => autoCloseTicket({ ...ctx, log: run.log }, payload));
    // Not due yet (the organization's days were raised since): back to wait, without an attempt.
    if (!outcome.closed && outcome.reason === "not_due") throw await run.delayUntil(outcome.dueAt.getTime());
    return outcome;
  },
});
