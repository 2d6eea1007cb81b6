import { ticketMessages } from "@helpdesk/db/schema";
import type { JobRun } from "@helpdesk/jobs/define";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { and, eq, max } from "drizzle-orm";
import type { EmailContext } from "./email-context.ts";
import { loadRecipient } from "./load-recipient.ts";
import { visibleTo } from "./message-visibility.ts";

export interface MessageEmailTarget {
  organizationId: string;
  ticketId: string;
  recipientId: string;
}

/** The deduplication id of the one wait per (ticket, recipient). */
export const messageEmailWaitKey = (target: Pick<MessageEmailTarget, "ticketId" | "recipientId">) =>
  `ticket-messages:${target.ticketId}:${target.recipientId}`;

/**
 * Asks for the debounced message e-mail of one (ticket, recipient), for a reply made at
 * `occurredAt` (ms). The first message of a burst queues a wait (`ticket.message-email-wait`)
 * `debounceMs` ahead; while it is pending, later messages find it under its deduplication id and
 * change nothing. When it comes due it waits on while the ticket is not yet quiet
 * (`waitForQuietTicket`), then queues the e-mail itself. `keepLastIfActive` queues one more wait
 * when a message comes while one is being decided.
 *
 * A wait this process queued or delayed is remembered (`MessageEmailWaits`) until it could first
 * finish: replies before then skip the add, which would find it and change nothing. It cannot
 * finish before the earlier of `occurredAt + debounceMs` (even started early, by a promote, it
 * waits on until the ticket has been quiet that long since its latest message, which is this one
 * or later) and its own cap, `queued at + maxWaitMs` (which may be set shorter).
 *
 * Pushing a pending e-mail back with every message instead (deduplication's `reschedule`) took three
 * reads and a rewrite of the job in Valkey per message: ~0.3 ms of CPU per reply in
 * bench/realtime.ts. The wait costs two queries each time it comes due (about once per burst).
 */
export async function queueMessageEmail(
  ctx: Pick<EmailContext, "jobs" | "email" | "messageEmailWaits">,
  target: MessageEmailTarget,
  occurredAt: number,
): Promise<"queued" | "found pending" | "known pending"> {
  const key = messageEmailWaitKey(target);
  if (ctx.messageEmailWaits.covers(key)) return "known pending";
  const jobId = jobIdFor(target.organizationId);
  const job = await ctx.jobs.enqueue("ticket.message-email-wait", target, {
    jobId,
    delay: ctx.email.debounceMs,
    deduplication: { id: key, keepLastIfActive: true },
  });
  // A deduplicated add returns the pending wait's id: that one's times are not known here. Only the
  // add's answer tells: with `keepLastIfActive` and the wait running, BullMQ keeps this add under
  // our id and queues it once the running one ends, so a job with our id may appear later.
  if (job.id !== jobId) return "found pending";
  ctx.messageEmailWaits.pendingUntil(
    key,
    Math.min(occurredAt + ctx.email.debounceMs, job.timestamp + ctx.email.maxWaitMs),
  );
  return "queued";
}

/**
 * The wait's handler: once the ticket is quiet for the recipient (no message they can read, by
 * `visibleTo`, for `debounceMs`; or the burst has run `maxWaitMs`), queues the e-mail: at most one
 * running and one queued per (ticket, recipient), so two never list the same messages at once.
 * Otherwise the job moves itself back to when it may be.
 */
export async function waitForQuietTicket(
  ctx: EmailContext,
  target: MessageEmailTarget,
  run: Pick<JobRun, "job" | "delayUntil">,
) {
  const recipient = await loadRecipient(ctx, target.organizationId, target.recipientId);
  if (!recipient) return { skipped: "recipient is no longer an active member" };
  const [latest] = await ctx.db
    .select({ at: max(ticketMessages.createdAt) })
    .from(ticketMessages)
    .where(
      and(eq(ticketMessages.organizationId, target.organizationId), ...visibleTo(target.ticketId, recipient)),
    );
  const due = messageEmailDueAt(latest?.at?.getTime(), run.job.timestamp, ctx.email);
  const key = messageEmailWaitKey(target);
  if (due > Date.now()) {
    // Delayed to `due`, and started early it would find the same or later: replies until then skip the add.
    ctx.messageEmailWaits.pendingUntil(key, due);
    await run.job.log(`the ticket is not quiet yet: waiting until ${new Date(due).toISOString()}`);
    throw await run.delayUntil(due);
  }
  ctx.messageEmailWaits.forget(key);
  await ctx.jobs.enqueue("email.ticket-messages", target, {
    deduplication: {
      id: `ticket-messages-send:${target.ticketId}:${target.recipientId}`,
      keepLastIfActive: true,
    },
  });
  return { queued: true };
}

/**
 * When a pending message e-mail may go: once the ticket has been quiet for `debounceMs` after its
 * latest message, but never later than `maxWaitMs` after the wait was queued. Times in ms.
 */
export function messageEmailDueAt(
  latestMessageAt: number | undefined,
  queuedAt: number,
  pacing: { debounceMs: number; maxWaitMs: number },
): number {
  const quiet = latestMessageAt === undefined ? queuedAt : latestMessageAt + pacing.debounceMs;
  return Math.min(quiet, queuedAt + pacing.maxWaitMs);
}
