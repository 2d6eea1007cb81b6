import type { Queue } from "bullmq";

/** Every job scheduler of every queue: platform scans, the same for all organizations. */
export async function listSchedulers(queues: Queue[]) {
  const perQueue = await Promise.all(
    queues.map(async (queue) =>
      (await queue.getJobSchedulers(0, -1, true)).map((scheduler) => ({
        id: scheduler.key,
        queue: queue.name,
        jobName: scheduler.name,
        pattern: scheduler.pattern ?? null,
        every: scheduler.every ?? null,
        timezone: scheduler.tz ?? "UTC",
        nextRunAt: scheduler.next ? new Date(scheduler.next) : null,
      })),
    ),
  );
  return perQueue.flat();
}
