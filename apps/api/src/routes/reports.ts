import { route } from "../http/route.ts";
import { slaReportSchema } from "../schemas/sla-report.ts";
import { weeklyReportSchema } from "../schemas/weekly-report.ts";
import { getWeeklyReport, weeklyReportQuery } from "../services/reports/get-weekly-report.ts";
import { slaReport, slaReportQuery } from "../services/sla/sla-report.ts";

export const reportRoutes = [
  route({
    method: "get",
    path: "/reports/sla",
    operationId: "getSlaReport",
    tag: "Reports",
    summary: "SLA compliance over a period, per priority and per agent",
    description:
      "Counts the runs whose deadline falls in [`from`, `to`), at most 366 days; times are business seconds.",
    access: ["admin"],
    query: slaReportQuery,
    response: slaReportSchema,
    handler: (ctx, { query }) => slaReport(ctx, query),
  }),
  route({
    method: "get",
    path: "/reports/weekly",
    operationId: "getWeeklyReport",
    tag: "Reports",
    summary: "One ISO week: volume, SLA compliance, median times, per agent",
    description:
      "`week` is an ISO week (`2026-W49`) in the organization's time zone; default: the last complete week. " +
      "The figures of the weekly report e-mail.",
    access: ["admin"],
    query: weeklyReportQuery,
    response: weeklyReportSchema,
    handler: (ctx, { query }) => getWeeklyReport(ctx, query),
  }),
];
