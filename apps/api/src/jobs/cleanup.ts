import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { sweepRetention } from "../services/cleanup/sweep-retention.ts";
import type { ExportStorage } from "../storage/export-storage.ts";

type Handlers = JobHandlers<ProductCatalog>;

/** `exports.storage`: where export files live, so expired exports lose their file. */
export const cleanupHandlers = (
  ctx: SystemContext & { exports: { storage: ExportStorage } },
): Pick<Handlers, "cleanup.sweep"> => ({
  "cleanup.sweep": async ({ batchSize }, { job, log, signal }) => {
    const removed = await sweepRetention(
      { ...ctx, log },
      {
        batchSize,
        signal,
        // A missing file is not an error for `delete`: a sweep retried after a crash goes on.
        deleteExportFile: (key) => ctx.exports.storage.delete(key),
      },
    );
    await job.log(`removed ${JSON.stringify(removed)}`);
    return removed;
  },
});
