import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { sweepRetention } from "../services/cleanup/sweep-retention.ts";
import { deleteExportFile, type ExportStorage } from "../storage/export-storage.ts";

type Handlers = JobHandlers<ProductCatalog>;

/** `exports.storage`: where export files live, so expired exports lose their file. */
export const cleanupHandlers = (
  ctx: SystemContext & { exports: { storage: ExportStorage } },
): Pick<Handlers, "cleanup.sweep"> => ({
  "cleanup.sweep": async ({ batchSize }, { job, log, signal }) => {
    const { storage } = ctx.exports;
    const removed = await sweepRetention(
      { ...ctx, log },
      {
        batchSize,
        signal,
        deleteExportFile: (key) => deleteExportFile(storage, key),
      },
    );
    await job.log(`removed ${JSON.stringify(removed)}`);
    return removed;
  },
});
