import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { SystemContext } from "../context/service-context.ts";
import { RecentBreaches } from "../services/sla/recent-breaches.ts";
import { recordBreach } from "../services/sla/record-breach.ts";
import { scanSla } from "../services/sla/scan-sla.ts";
import { sendWarning } from "../services/sla/send-warning.ts";
import { syncIfDirty } from "../services/sla/sync-if-dirty.ts";
import { withJobLog } from "./job-log.ts";

type Handlers = JobHandlers<ProductCatalog>;

export const slaHandlers = (ctx: SystemContext): Pick<Handlers, "sla.check" | "sla.warn" | "sla.scan"> => {
  const recent = new RecentBreaches();
  return {
    "sla.check": async (timer, run) => {
      const dueAt = new Date(timer.dueAt);
      // Fired before its time (another host's clock): it waits, without using an attempt.
      if (dueAt.getTime() > Date.now()) throw await run.delayUntil(dueAt.getTime());
      return recordBreach(withJobLog(ctx, run), { ...timer, dueAt }, new Date(), recent);
    },
    "sla.warn": async (timer, { log }) => {
      await syncIfDirty({ ...ctx, log }, timer);
      return sendWarning({ ...ctx, log }, { ...timer, dueAt: new Date(timer.dueAt) });
    },
    "sla.scan": ({ organizationId }, { log, signal }) => scanSla({ ...ctx, log }, { organizationId, signal }),
  };
};
