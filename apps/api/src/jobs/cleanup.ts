import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { sweepRetention } from "../services/cleanup/sweep-retention.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const cleanupHandlers = (ctx: SystemContext): Pick<Handlers, "cleanup.sweep"> => ({
  "cleanup.sweep": async ({ batchSize }, { job, log }) => {
    const deleted = await sweepRetention({ ...ctx, log }, batchSize);
    await job.log(`deleted ${JSON.stringify(deleted)}`);
    return deleted;
  },
});
