import { slaClocks, users } from "@helpdesk/db/schema";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { DAY_MS } from "../../lib/durations.ts";
import { ValidationError } from "../../lib/errors.ts";
import { queryInstant } from "./query-instant.ts";
import { runFigures, toGroupFigures } from "./sla-report-figures.ts";

const MAX_PERIOD_DAYS = 366;

export const slaReportQuery = z.object({
  /** Deadlines at or after this instant. */
  from: queryInstant,
  /** Deadlines before this instant. */
  to: queryInstant,
});

/**
 * SLA compliance of the organization over a period, per priority and per agent (docs/sla-report.md).
 * A run belongs to the period its deadline falls in: a run is judged by its
 * deadline, and a run that started before the period but fell due in it is one the period had to
 * meet. Each group and target is one row of SQL aggregates; a group appears once it has a run.
 */
export async function slaReport(
  ctx: ServiceContext,
  query: z.output<typeof slaReportQuery>,
  now = new Date(),
) {
  if (query.to <= query.from) throw ValidationError.field("query", "to", "must be after `from`");
  if (query.to.getTime() - query.from.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    throw ValidationError.field("query", "to", `must be at most ${MAX_PERIOD_DAYS} days after \`from\``);
  const inPeriod = and(
    eq(slaClocks.organizationId, ctx.actor.organizationId),
    gte(slaClocks.dueAt, query.from),
    lt(slaClocks.dueAt, query.to),
    // Implied (a run starts before its deadline); it bounds the (organization_id, started_at) index.
    lt(slaClocks.startedAt, query.to),
  );
  const figures = runFigures(now);
  const [byPriority, byAgent] = await Promise.all([
    ctx.db
      .select({ priority: slaClocks.priority, ...figures })
      .from(slaClocks)
      .where(inPeriod)
      .groupBy(slaClocks.priority, slaClocks.target)
      // The enum runs low → urgent: the most pressing first.
      .orderBy(desc(slaClocks.priority)),
    ctx.db
      .select({ agentId: slaClocks.assigneeId, agentName: users.name, ...figures })
      .from(slaClocks)
      .leftJoin(
        users,
        and(eq(users.id, slaClocks.assigneeId), eq(users.organizationId, slaClocks.organizationId)),
      )
      .where(inPeriod)
      .groupBy(slaClocks.assigneeId, users.name, slaClocks.target)
      // By name; the unassigned runs last.
      .orderBy(asc(users.name), asc(slaClocks.assigneeId)),
  ]);
  return {
    from: query.from,
    to: query.to,
    byPriority: groups(byPriority, (row) => row.priority).map(([priority, rows]) => ({
      priority,
      ...toGroupFigures(rows),
    })),
    byAgent: groups(byAgent, (row) => row.agentId).map(([agentId, rows]) => ({
      agentId,
      agentName: rows[0]?.agentName ?? null,
      ...toGroupFigures(rows),
    })),
  };
}

/** Rows grouped by key, in the order the query gave them. */
function groups<T, K>(rows: T[], key: (row: T) => K): [K, T[]][] {
  return [...Map.groupBy(rows, key)];
}
