import { emailLog, type Locale } from "@helpdesk/db/schema";
import { renderEmail } from "@helpdesk/email/render";
import type { TemplateName, TemplateProps } from "@helpdesk/email/templates";
import { EmailRateLimitedError, EmailRejectedError } from "@helpdesk/email/transport";
import type { Job } from "bullmq";
import type { EmailContext } from "./email-context.ts";

export interface Delivery<N extends TemplateName> {
  organizationId: string;
  recipient: { id: string; email: string; locale: Locale };
  template: N;
  props: TemplateProps<N>;
  /**
   * The job sending it: the idempotency key is its id, so a retry never sends twice, and the log
   * records which attempt this is.
   */
  job: Pick<Job, "id" | "attemptsMade">;
}

/**
 * Renders and sends one e-mail, and logs the attempt's outcome in email_log whatever it is. The
 * transport's errors propagate: the job decides (429 → wait, rejected → dead letter, else retry).
 */
export async function deliverEmail<N extends TemplateName>(ctx: EmailContext, delivery: Delivery<N>) {
  const rendered = await renderEmail(delivery.template, delivery.props, delivery.recipient.locale);
  const jobId = delivery.job.id ?? "";
  const entry = {
    organizationId: delivery.organizationId,
    jobId,
    attempt: delivery.job.attemptsMade + 1,
    template: delivery.template,
    recipientId: delivery.recipient.id,
    toAddress: delivery.recipient.email,
    subject: rendered.subject,
    transport: ctx.email.transport.name,
  };
  try {
    const { id } = await ctx.email.transport.send(
      { from: ctx.email.from, to: delivery.recipient.email, ...rendered },
      { idempotencyKey: `email-${jobId}` },
    );
    await ctx.db.insert(emailLog).values({ ...entry, status: "sent", providerMessageId: id });
    return { sent: true as const, providerMessageId: id };
  } catch (error) {
    const status =
      error instanceof EmailRateLimitedError
        ? "rate_limited"
        : error instanceof EmailRejectedError
          ? "rejected"
          : "failed";
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.insert(emailLog).values({ ...entry, status, error: message.slice(0, 1_000) });
    throw error;
  }
}
