import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { Payload } from "@helpdesk/jobs/define";
import type { Job } from "bullmq";
import { deliverEmail } from "../email/deliver-email.ts";
import type { EmailContext } from "../email/email-context.ts";
import { links } from "../email/links.ts";
import { loadRecipient } from "../email/load-recipient.ts";
import { digestCounts, hasActivity, openTicketsOf } from "./digest-figures.ts";
import { loadOrganization } from "./load-organization.ts";
import { localMoment } from "./local-time.ts";
import { digestPeriod } from "./schedule-periods.ts";

/**
 * One recipient's digest, read when it is sent: the organization's counts for the period and the
 * recipient's open tickets now. Nothing to say (no activity, no open ticket) sends nothing.
 */
export async function sendDigestEmail(
  ctx: EmailContext,
  payload: Payload<ProductCatalog, "email.digest">,
  job: Job,
) {
  const [recipient, organization] = await Promise.all([
    loadRecipient(ctx, payload.organizationId, payload.recipientId),
    loadOrganization(ctx.db, payload.organizationId),
  ]);
  if (!recipient || recipient.role === "customer" || !organization)
    return { skipped: "recipient is no longer an active agent or admin" };
  const range = digestPeriod(payload.period, organization.timezone, organization.digest);
  const [counts, open] = await Promise.all([
    digestCounts(ctx.db, organization.id, range),
    openTicketsOf(ctx.db, organization.id, recipient.id),
  ]);
  if (!hasActivity(counts) && open.total === 0) return { skipped: "nothing to report" };
  const link = links(ctx.email.appUrl);
  return deliverEmail(ctx, {
    organizationId: organization.id,
    recipient,
    job,
    template: "daily-digest",
    props: {
      recipientName: recipient.name,
      organizationName: organization.name,
      from: localMoment(range.from, organization.timezone).date,
      to: payload.period,
      counts,
      tickets: open.tickets.map((ticket) => ({ ...ticket, url: link.ticket(ticket.id) })),
      moreTickets: open.total - open.tickets.length,
      dashboardUrl: link.dashboard(),
      preferencesUrl: link.preferences(),
    },
  });
}
