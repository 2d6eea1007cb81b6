import { EmailRateLimitedError, EmailRejectedError } from "@helpdesk/email/transport";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import { UnrecoverableError, Worker } from "bullmq";
import { sendAccountEmail } from "../services/accounts/send-account-email.ts";
import type { EmailContext } from "../services/email/email-context.ts";
import { sendMessageEmail } from "../services/email/send-message-email.ts";
import { sendNotificationEmail } from "../services/email/send-notification-email.ts";
import { sendDigestEmail } from "../services/reports/send-digest-email.ts";
import { sendWeeklyReportEmail } from "../services/reports/send-weekly-report-email.ts";
import { failPermanentlyIfGone } from "./fail-if-gone.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const emailHandlers = (
  ctx: EmailContext,
): Pick<
  Handlers,
  "email.notify" | "email.ticket-messages" | "email.account" | "email.digest" | "email.weekly-report"
> => ({
  "email.notify": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendNotificationEmail({ ...ctx, log }, payload, job)),
  "email.ticket-messages": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendMessageEmail({ ...ctx, log }, payload, job)),
  "email.account": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendAccountEmail({ ...ctx, log }, payload, job)),
  "email.digest": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendDigestEmail({ ...ctx, log }, payload, job)),
  "email.weekly-report": (payload, { job, log }) =>
    withProviderErrors(ctx, () => sendWeeklyReportEmail({ ...ctx, log }, payload, job)),
});

/**
 * How the provider's answers steer the job: a 429 pauses the whole email queue for the time the
 * provider asked (every worker process) and puts the job back without using an attempt; a refused
 * message (4xx) can never succeed, so it goes to the dead letters at once; anything else retries.
 */
export async function withProviderErrors<T>(ctx: EmailContext, send: () => Promise<T>): Promise<T> {
  try {
    return await failPermanentlyIfGone(send);
  } catch (error) {
    if (error instanceof EmailRateLimitedError) {
      await ctx.jobs.queue("email").rateLimit(error.retryAfterMs);
      throw Worker.RateLimitError();
    }
    if (error instanceof EmailRejectedError)
      throw new UnrecoverableError(`Rejected by the provider: ${error.message}`);
    throw error;
  }
}
