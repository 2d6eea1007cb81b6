import type { JobsOptions } from "bullmq";

/**
 * How urgent a job is, declared per job in the catalog (a producer may override it per job), and
 * mapped to BullMQ here and nowhere else.
 *
 * BullMQ takes a job without an explicit priority before any prioritized one, so:
 * - `normal` is BullMQ's default: the plain wait list, first in first out, the cheapest path (and
 *   what the dashboard shows as "waiting");
 * - `critical` goes to the front of the wait list (`lifo`): the next free worker takes it ahead of
 *   every waiting normal job. A delayed or retried job rejoins the back when its time comes (BullMQ
 *   promotes delayed jobs in order), which is why time-critical timers get a queue of their own;
 * - `bulk` is prioritized: taken only when no job waits, so an export never holds up a notification.
 */
export const priorityClasses = ["critical", "normal", "bulk"] as const;
export type PriorityClass = (typeof priorityClasses)[number];

const bullmqOptions: Record<PriorityClass, Pick<JobsOptions, "lifo" | "priority">> = {
  critical: { lifo: true },
  normal: {},
  bulk: { priority: 1 },
};

export const priorityOptions = (priority: PriorityClass) => bullmqOptions[priority];

export const isPriorityClass = (value: unknown): value is PriorityClass =>
  priorityClasses.includes(value as PriorityClass);
