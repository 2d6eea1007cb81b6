import { reportExports } from "@helpdesk/db/schema";
import { and, eq, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";

/** Whose exports the actor sees: an admin the organization's, an agent their own. */
export function visibleExports(ctx: ServiceContext): SQL | undefined {
  const { actor } = ctx;
  return and(
    eq(reportExports.organizationId, actor.organizationId),
    actor.role === "admin" ? undefined : eq(reportExports.requesterId, actor.id),
  );
}
