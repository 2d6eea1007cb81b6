import type { Job } from "bullmq";
import type { ProductJobs } from "../../context/service-context.ts";
import type { DigestOccurrence } from "./fan-out-digest.ts";
import type { WeeklyReportOccurrence } from "./fan-out-weekly-report.ts";

/**
 * Adds one job per digest occurrence, named by it (`digest-2026-12-02`): adding it again while
 * BullMQ holds it makes no second job. One that failed every attempt is retried instead.
 */
export async function enqueueDigests(jobs: ProductJobs, occurrences: readonly DigestOccurrence[]) {
  const added = await jobs.enqueueBulk(
    "reports.digest",
    occurrences.map((payload) => ({ payload, options: { key: `digest-${payload.period}` } })),
  );
  return retryFailed(added);
}

/** As `enqueueDigests`, for weekly reports (`weekly-report-2026-W49`). */
export async function enqueueWeeklyReports(
  jobs: ProductJobs,
  occurrences: readonly WeeklyReportOccurrence[],
) {
  const added = await jobs.enqueueBulk(
    "reports.weekly-report",
    occurrences.map((payload) => ({ payload, options: { key: `weekly-report-${payload.week}` } })),
  );
  return retryFailed(added);
}

/**
 * BullMQ keeps a job that failed its last attempt (the queue's `removeOnFail`), and an add under
 * its id is then a no-op: without this, an occurrence that failed once would never run again,
 * neither by "run now" nor by the next ticks. It is retried with its attempts reset; running it
 * twice is harmless, as its `scheduled_runs` row lets one run send.
 */
async function retryFailed(added: Job[]): Promise<Job[]> {
  await Promise.all(
    added.map(async (job) => {
      if ((await job.getState()) !== "failed") return;
      try {
        await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch (error) {
        // Another tick or "run now" retried it first.
        if ((await job.getState()) === "failed") throw error;
      }
    }),
  );
  return added;
}
