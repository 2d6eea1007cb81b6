import type { Database } from "@helpdesk/db/client";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobHandlers } from "@helpdesk/jobs/define";
import type { EmailContext } from "../services/email/email-context.ts";
import type { ExportSettings } from "../storage/export-settings.ts";
import { cleanupHandlers } from "./cleanup.ts";
import { emailHandlers } from "./email.ts";
import { exportHandlers } from "./exports.ts";
import { scheduleHandlers } from "./schedules.ts";
import { slaHandlers } from "./sla.ts";
import { ticketActionHandlers } from "./ticket-actions.ts";
import { ticketNotificationHandlers } from "./ticket-notifications.ts";

/** Every job's handler; `satisfies` makes a job of the catalog without a handler a compile error. */
export const createHandlers = (ctx: EmailContext & { db: Database; exports: ExportSettings }) =>
  ({
    ...ticketNotificationHandlers(ctx),
    ...emailHandlers(ctx),
    ...ticketActionHandlers(ctx),
    ...cleanupHandlers(ctx),
    ...slaHandlers(ctx),
    ...exportHandlers(ctx),
    ...scheduleHandlers(ctx),
  }) satisfies JobHandlers<ProductCatalog>;
