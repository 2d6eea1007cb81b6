import { ticketMessages } from "@helpdesk/db/schema";
import type { JobRun } from "@helpdesk/jobs/define";
import { and, eq, max } from "drizzle-orm";
import type { EmailContext } from "./email-context.ts";
import { loadRecipient } from "./load-recipient.ts";
import { type MessageEmailTarget, messageEmailWaitKey } from "./message-email-wait-key.ts";
import { visibleTo } from "./message-visibility.ts";

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
