import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";
import { loadOrganization } from "./load-organization.ts";
import { mondayOfIsoWeek } from "./local-time.ts";
import { lastCompleteWeek, weekPeriod } from "./schedule-periods.ts";
import { weeklyFigures } from "./weekly-figures.ts";

export const weeklyReportQuery = z.object({
  /** An ISO week (`2026-W49`), in the organization's zone; default: the last complete week. */
  week: z
    .string()
    .max(10)
    .refine((week) => mondayOfIsoWeek(week) !== undefined, "must be an ISO week such as 2026-W49")
    .optional(),
});

/** The weekly report's figures for the caller's organization: what the admins' e-mail shows. */
export async function getWeeklyReport(
  ctx: ServiceContext,
  query: z.output<typeof weeklyReportQuery>,
  now = new Date(),
) {
  const organization = await loadOrganization(ctx.db, ctx.actor.organizationId);
  if (!organization) throw new NotFoundError("Organization");
  const week = weekPeriod(query.week ?? lastCompleteWeek(now, organization.timezone), organization.timezone);
  if (!week) throw new NotFoundError("Week");
  return weeklyFigures(ctx.db, organization.id, organization.timezone, week, now);
}
