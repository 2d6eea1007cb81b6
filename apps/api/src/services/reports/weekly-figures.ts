import { anyOf } from "@helpdesk/db/any-of";
import type { Executor } from "@helpdesk/db/client";
import {
  slaClocks,
  type TicketPriority,
  type TicketStatus,
  ticketPriorities,
  ticketStatusChanges,
  ticketStatuses,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { and, count, countDistinct, eq, gte, lt } from "drizzle-orm";
import { type GroupFigures, runFigures, toGroupFigures } from "../sla/sla-report-figures.ts";
import { activeMembers, staffRoles } from "./active-members.ts";
import { countResolvedInPeriod, resolvedInPeriod } from "./resolved-in-period.ts";
import type { Occurrence } from "./schedule-periods.ts";

export interface WeeklyFigures {
  week: string;
  timeZone: string;
  from: Date;
  to: Date;
  volume: {
    created: number;
    resolved: number;
    byStatus: Record<TicketStatus, number>;
    byPriority: Record<TicketPriority, number>;
  };
  sla: GroupFigures;
  agents: ({ agentId: string; agentName: string; resolved: number } & GroupFigures)[];
}

/**
 * One organization's week (docs/automations.md, "Weekly report"): the tickets created in it by
 * their status now and by priority, the tickets resolved in it, and SLA compliance and median
 * times of the runs whose deadline fell in it, exactly as the SLA report counts them (same SQL
 * aggregates); per agent, the tickets resolved that they hold and their runs.
 */
export async function weeklyFigures(
  db: Executor,
  organizationId: string,
  timeZone: string,
  week: Occurrence,
  now = new Date(),
): Promise<WeeklyFigures> {
  const { from, to } = week;
  const createdIn = and(
    eq(tickets.organizationId, organizationId),
    gte(tickets.createdAt, from),
    lt(tickets.createdAt, to),
  );
  const resolvedIn = resolvedInPeriod(organizationId, week);
  const runsIn = and(
    eq(slaClocks.organizationId, organizationId),
    gte(slaClocks.dueAt, from),
    lt(slaClocks.dueAt, to),
    lt(slaClocks.startedAt, to),
  );
  const figures = runFigures(now);
  const [byStatus, byPriority, resolved, resolvedByAgent, slaRows, slaByAgent, staff] = await Promise.all([
    db.select({ key: tickets.status, n: count() }).from(tickets).where(createdIn).groupBy(tickets.status),
    db.select({ key: tickets.priority, n: count() }).from(tickets).where(createdIn).groupBy(tickets.priority),
    countResolvedInPeriod(db, organizationId, week),
    db
      .select({ agentId: tickets.assigneeId, n: countDistinct(ticketStatusChanges.ticketId) })
      .from(ticketStatusChanges)
      .innerJoin(tickets, eq(tickets.id, ticketStatusChanges.ticketId))
      .where(resolvedIn)
      .groupBy(tickets.assigneeId),
    db.select(figures).from(slaClocks).where(runsIn).groupBy(slaClocks.target),
    db
      .select({ agentId: slaClocks.assigneeId, ...figures })
      .from(slaClocks)
      .where(runsIn)
      .groupBy(slaClocks.assigneeId, slaClocks.target),
    activeMembers(db, organizationId, staffRoles),
  ]);

  const resolvedBy = new Map(resolvedByAgent.map((row) => [row.agentId, row.n]));
  const runsBy = Map.groupBy(slaByAgent, (row) => row.agentId);
  // Every active agent and admin, and anyone else (since deactivated) who had work that week.
  const names = new Map(staff.map((user) => [user.id, user.name]));
  const others = [...resolvedBy.keys(), ...runsBy.keys()].filter(
    (id): id is string => id !== null && !names.has(id),
  );
  if (others.length > 0) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), anyOf(users.id, others)));
    for (const row of rows) names.set(row.id, row.name);
  }
  const agents = [...names]
    .map(([agentId, agentName]) => ({
      agentId,
      agentName,
      resolved: resolvedBy.get(agentId) ?? 0,
      ...toGroupFigures(runsBy.get(agentId) ?? []),
    }))
    .sort((a, b) => a.agentName.localeCompare(b.agentName) || a.agentId.localeCompare(b.agentId));

  return {
    week: week.period,
    timeZone,
    from,
    to,
    volume: {
      created: byStatus.reduce((sum, row) => sum + row.n, 0),
      resolved,
      byStatus: tally(ticketStatuses, byStatus),
      byPriority: tally(ticketPriorities, byPriority),
    },
    sla: toGroupFigures(slaRows),
    agents,
  };
}

function tally<K extends string>(keys: readonly K[], rows: { key: K; n: number }[]): Record<K, number> {
  const counts = new Map(rows.map((row) => [row.key, row.n]));
  return Object.fromEntries(keys.map((key) => [key, counts.get(key) ?? 0])) as Record<K, number>;
}
