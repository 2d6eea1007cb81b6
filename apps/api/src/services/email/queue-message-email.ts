import type { WorkerContext } from "../../context.ts";

export interface MessageEmailTarget {
  organizationId: string;
  ticketId: string;
  recipientId: string;
}

/**
 * Asks for the debounced message e-mail of one (ticket, recipient): it is sent once the ticket has
 * been quiet for `debounceMs`, but never later than `maxWaitMs` after the first message of the
 * burst. BullMQ deduplication with `reschedule` keeps one delayed job per pair (pushed back by each
 * call); `keepLastIfActive` queues one follow-up when a call comes while the e-mail is being sent.
 */
export async function queueMessageEmail(ctx: WorkerContext, target: MessageEmailTarget) {
  const queue = ctx.jobs.queue("email");
  const dedupId = `ticket-messages:${target.ticketId}:${target.recipientId}`;
  // The pending e-mail was created by the first message of the burst: the wait is capped from then.
  const pendingId = await queue.getDeduplicationJobId(dedupId);
  const pending = pendingId ? await queue.getJob(pendingId) : undefined;
  const burstStarted = pending && (await pending.isDelayed()) ? pending.timestamp : Date.now();
  const waitLeft = burstStarted + ctx.email.maxWaitMs - Date.now();
  await ctx.jobs.enqueue("email.ticket-messages", target, {
    delay: Math.max(0, Math.min(ctx.email.debounceMs, waitLeft)),
    deduplication: { id: dedupId, reschedule: true, keepLastIfActive: true },
  });
}
