import { route } from "../http/route.ts";
import { slaReportSchema } from "../schemas/sla-report.ts";
import { slaReport, slaReportQuery } from "../services/sla/sla-report.ts";

export const reportRoutes = [
  route({
    method: "get",
    path: "/reports/sla",
    tag: "Reports",
    summary: "SLA compliance over a period, per priority and per agent",
    description:
      "Counts the runs whose deadline falls in [`from`, `to`), at most 366 days; times are business seconds.",
    access: ["admin"],
    query: slaReportQuery,
    response: slaReportSchema,
    handler: (ctx, { query }) => slaReport(ctx, query),
  }),
];
