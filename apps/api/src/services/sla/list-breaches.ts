import { slaBreaches, slaTargets, tickets } from "@helpdesk/db/schema";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, encodeCursor } from "../../lib/cursor.ts";
import { ValidationError } from "../../lib/errors.ts";
import { beforeCursor } from "../../lib/keyset.ts";
import { queryInstant } from "./query-instant.ts";

export const listBreachesQuery = z.object({
  /** Breached at or after this instant. */
  from: queryInstant.optional(),
  /** Breached before this instant. */
  to: queryInstant.optional(),
  target: z.enum(slaTargets).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** The organization's SLA breaches, newest first (sla_breaches_org_breached_idx), with their ticket. */
export async function listBreaches(ctx: ServiceContext, query: z.output<typeof listBreachesQuery>) {
  if (query.from && query.to && query.from > query.to)
    throw ValidationError.field("query", "to", "must not be before `from`");
  const conditions: (SQL | undefined)[] = [eq(slaBreaches.organizationId, ctx.actor.organizationId)];
  if (query.from) conditions.push(gte(slaBreaches.breachedAt, query.from));
  if (query.to) conditions.push(lt(slaBreaches.breachedAt, query.to));
  if (query.target) conditions.push(eq(slaBreaches.target, query.target));
  conditions.push(beforeCursor({ createdAt: slaBreaches.breachedAt, id: slaBreaches.id }, query.cursor));
  const rows = await ctx.db
    .select({
      id: slaBreaches.id,
      ticketId: slaBreaches.ticketId,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      target: slaBreaches.target,
      dueAt: slaBreaches.dueAt,
      breachedAt: slaBreaches.breachedAt,
      priority: slaBreaches.priority,
      assigneeId: slaBreaches.assigneeId,
      policyId: slaBreaches.policyId,
    })
    .from(slaBreaches)
    .innerJoin(tickets, eq(tickets.id, slaBreaches.ticketId))
    .where(and(...conditions))
    .orderBy(desc(slaBreaches.breachedAt), desc(slaBreaches.id))
    .limit(query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.breachedAt, id: last.id }) : null,
  };
}
