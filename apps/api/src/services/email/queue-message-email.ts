import { jobIdFor } from "@helpdesk/jobs/job-ids";
import type { EmailContext } from "./email-context.ts";
import { type MessageEmailTarget, messageEmailWaitKey } from "./message-email-wait-key.ts";

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
 * Pushing a pending e-mail back with every message instead (deduplication's `reschedule`) takes
 * three reads and a rewrite of the job in Valkey per message (bench/RESULTS.md); the wait costs two
 * queries each time it comes due (about once per burst). Its handler is wait-for-quiet-ticket.ts.
 */
export async function queueMessageEmail(
  ctx: Pick<EmailContext, "jobs" | "email" | "messageEmailWaits">,
  target: MessageEmailTarget,
  occurredAt: number,
): Promise<"queued" | "found pending" | "known pending"> {
  const key = messageEmailWaitKey(target);
  if (ctx.messageEmailWaits.covers(key)) return "known pending";
  const jobKey = Bun.randomUUIDv7();
  const job = await ctx.jobs.enqueue("ticket.message-email-wait", target, {
    key: jobKey,
    runAt: new Date(Date.now() + ctx.email.debounceMs),
    deduplication: { id: key, keepLastIfActive: true },
  });
  // A deduplicated add returns the pending wait's id: that one's times are not known here. Only the
  // add's answer tells: with `keepLastIfActive` and the wait running, BullMQ keeps this add under
  // our id and queues it once the running one ends, so a job with our id may appear later.
  if (job.id !== jobIdFor(target.organizationId, jobKey)) return "found pending";
  ctx.messageEmailWaits.pendingUntil(
    key,
    Math.min(occurredAt + ctx.email.debounceMs, job.timestamp + ctx.email.maxWaitMs),
  );
  return "queued";
}
