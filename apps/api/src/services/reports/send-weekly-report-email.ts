import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { Payload } from "@helpdesk/jobs/define";
import type { Job } from "bullmq";
import { deliverEmail } from "../email/deliver-email.ts";
import type { EmailContext } from "../email/email-context.ts";
import { links } from "../email/links.ts";
import { loadRecipient } from "../email/load-recipient.ts";
import { loadOrganization } from "./load-organization.ts";
import { addDays, mondayOfIsoWeek } from "./local-time.ts";
import { weekPeriod } from "./schedule-periods.ts";
import { weeklyFigures } from "./weekly-figures.ts";

const toMinutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 60));

/** One admin's weekly report, with the figures as they stand when it is sent (the route's). */
export async function sendWeeklyReportEmail(
  ctx: EmailContext,
  payload: Payload<ProductCatalog, "email.weekly-report">,
  job: Job,
) {
  const [recipient, organization] = await Promise.all([
    loadRecipient(ctx, payload.organizationId, payload.recipientId),
    loadOrganization(ctx.db, payload.organizationId),
  ]);
  if (recipient?.role !== "admin" || !organization)
    return { skipped: "recipient is no longer an active admin" };
  const week = weekPeriod(payload.week, organization.timezone);
  const monday = mondayOfIsoWeek(payload.week);
  if (!week || !monday) return { skipped: `no such week: ${payload.week}` };
  const figures = await weeklyFigures(ctx.db, organization.id, organization.timezone, week);
  const link = links(ctx.email.appUrl);
  return deliverEmail(ctx, {
    organizationId: organization.id,
    recipient,
    job,
    template: "weekly-report",
    props: {
      recipientName: recipient.name,
      organizationName: organization.name,
      week: payload.week,
      weekStart: monday,
      weekEnd: addDays(monday, 6),
      volume: figures.volume,
      sla: {
        firstResponseCompliance: figures.sla.targets.firstResponse.compliance,
        resolutionCompliance: figures.sla.targets.resolution.compliance,
        medianFirstResponseMinutes: toMinutes(figures.sla.firstResponseSeconds.median),
        medianResolutionMinutes: toMinutes(figures.sla.resolutionSeconds.median),
      },
      agents: figures.agents.slice(0, 200).map((agent) => ({
        name: agent.agentName,
        resolved: agent.resolved,
        firstResponseCompliance: agent.targets.firstResponse.compliance,
        resolutionCompliance: agent.targets.resolution.compliance,
        medianFirstResponseMinutes: toMinutes(agent.firstResponseSeconds.median),
      })),
      reportUrl: link.weeklyReport(payload.week),
      preferencesUrl: link.preferences(),
    },
  });
}
