import type { RouteSpec } from "../http/route.ts";
import { adminJobRoutes } from "./admin-jobs.ts";
import { authRoutes } from "./auth.ts";
import { exportRoutes } from "./exports.ts";
import { meRoutes } from "./me.ts";
import { notificationRoutes } from "./notifications.ts";
import { organizationRoutes } from "./organization.ts";
import { reportRoutes } from "./reports.ts";
import { slaBreachRoutes } from "./sla-breaches.ts";
import { slaPolicyRoutes } from "./sla-policies.ts";
import { ticketRoutes } from "./tickets.ts";
import { userRoutes } from "./users.ts";

/** Every /api/v1 route; the OpenAPI document and the role matrix test are built from this list. */
export const apiRoutes: readonly RouteSpec[] = [
  ...authRoutes,
  ...meRoutes,
  ...organizationRoutes,
  ...userRoutes,
  ...ticketRoutes,
  ...notificationRoutes,
  ...slaPolicyRoutes,
  ...slaBreachRoutes,
  ...reportRoutes,
  ...exportRoutes,
  ...adminJobRoutes,
];
