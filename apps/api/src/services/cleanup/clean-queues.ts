import type { JobsOptions } from "bullmq";
import type { ProductJobs } from "../../context/service-context.ts";
import { DAY_MS } from "../../lib/durations.ts";
import { inBatches, type SweepRun } from "./batches.ts";
import { platformRetention } from "./retention-periods.ts";

/**
 * BullMQ's completed and failed jobs past their queue's retention, on every queue this process
 * serves. Jobs trim their queue's history only as later jobs finish, so a quiet queue keeps its
 * last ones until a sweep cleans them. A queue that keeps jobs by count only has them cleaned after
 * `platformRetention.finishedJobsDays`.
 */
export async function cleanQueues(jobs: ProductJobs, run: SweepRun) {
  for (const name of jobs.queueNames) {
    const queue = jobs.queue(name);
    const options = jobs.queueConfigs[name]?.jobOptions ?? {};
    const finished = [
      ["completed", "completedJobs", options.removeOnComplete],
      ["failed", "failedJobs", options.removeOnFail],
    ] as const;
    for (const [state, kind, keep] of finished) {
      const grace = keptFor(keep);
      await inBatches(run, kind, async () => (await queue.clean(grace, run.batchSize, state)).length);
    }
  }
}

/** How long finished jobs are kept (ms) by a queue's `removeOnComplete` / `removeOnFail`. */
function keptFor(keep: JobsOptions["removeOnFail"]): number {
  if (typeof keep === "object" && "age" in keep && keep.age !== undefined) return keep.age * 1_000;
  return platformRetention.finishedJobsDays * DAY_MS;
}
