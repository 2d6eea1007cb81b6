import type { WorkerContext } from "../../context.ts";

export interface MessageEmailTarget {
  organizationId: string;
  ticketId: string;
  recipientId: string;
}

/**
 * Asks for the debounced message e-mail of one (ticket, recipient). At most one is pending per pair
 * (BullMQ deduplication): the first message of a burst queues it `debounceMs` ahead, and later ones
 * find it pending and change nothing. When it comes due, the job waits on by itself while the
 * ticket is not yet quiet, up to `maxWaitMs` after it was queued (`messageEmailDueAt`).
 * `keepLastIfActive` queues one follow-up when a message comes while the e-mail is being sent.
 *
 * Pushing the pending job back with every message instead (deduplication's `reschedule`) took three
 * reads and a rewrite of the job in Valkey per message: ~0.7 ms of CPU, a tenth of a reply's whole
 * path (bench/realtime.ts). Checking when the job comes due costs one query per wait.
 */
export async function queueMessageEmail(ctx: WorkerContext, target: MessageEmailTarget) {
  await ctx.jobs.enqueue("email.ticket-messages", target, {
    delay: ctx.email.debounceMs,
    deduplication: { id: messageEmailDedupId(target), keepLastIfActive: true },
  });
}

/** The deduplication id that keeps one message e-mail pending per (ticket, recipient). */
export const messageEmailDedupId = (target: { ticketId: string; recipientId: string }) =>
  `ticket-messages:${target.ticketId}:${target.recipientId}`;

/**
 * When a pending message e-mail may go: once the ticket has been quiet for `debounceMs` after its
 * latest message, but never later than `maxWaitMs` after the e-mail was queued. Times in ms.
 */
export function messageEmailDueAt(
  latestMessageAt: number | undefined,
  queuedAt: number,
  pacing: { debounceMs: number; maxWaitMs: number },
): number {
  const quiet = latestMessageAt === undefined ? queuedAt : latestMessageAt + pacing.debounceMs;
  return Math.min(quiet, queuedAt + pacing.maxWaitMs);
}
