import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { fanOutDigest } from "../services/reports/fan-out-digest.ts";
import { fanOutWeeklyReport } from "../services/reports/fan-out-weekly-report.ts";
import { scanSchedules } from "../services/reports/scan-schedules.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const scheduleHandlers = (
  ctx: SystemContext,
): Pick<Handlers, "reports.schedules" | "reports.digest" | "reports.weekly-report"> => ({
  "reports.schedules": ({ now }, { log }) => scanSchedules({ ...ctx, log }, now ? new Date(now) : new Date()),
  "reports.digest": (occurrence, { log }) => fanOutDigest({ ...ctx, log }, occurrence),
  "reports.weekly-report": (occurrence, { log }) => fanOutWeeklyReport({ ...ctx, log }, occurrence),
});
