import { ticketPriorities, ticketStatuses, tickets } from "@helpdesk/db/schema";
import { and, asc, desc, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorCodec, cursorId, cursorParam, cursorTimestamp, toPage } from "../../lib/cursor.ts";
import { ForbiddenError } from "../../lib/errors.ts";
import { beforeCursor } from "../../lib/keyset.ts";
import { withSla } from "../sla/sla-view.ts";

export const listTicketsQuery = z.object({
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  assigneeId: z.uuid().optional(),
  /** "true": tickets nobody is assigned to (the queue to pick from); "false": assigned ones. */
  unassigned: z.enum(["true", "false"]).optional(),
  customerId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Staff: tickets about to breach (80% of an allowance used) or breached, nearest deadline first. */
  sla: z.enum(["at_risk", "breached"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** Newest first; customers only ever see their own tickets, whatever filters they pass. */
export async function listTickets(ctx: ServiceContext, query: z.output<typeof listTicketsQuery>) {
  if (query.sla && ctx.actor.role === "customer") throw new ForbiddenError("SLA lists are for staff");
  const conditions: (SQL | undefined)[] = [eq(tickets.organizationId, ctx.actor.organizationId)];
  if (ctx.actor.role === "customer") conditions.push(eq(tickets.customerId, ctx.actor.id));
  if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.priority) conditions.push(eq(tickets.priority, query.priority));
  if (query.assigneeId) conditions.push(eq(tickets.assigneeId, query.assigneeId));
  if (query.unassigned) {
    conditions.push(query.unassigned === "true" ? isNull(tickets.assigneeId) : isNotNull(tickets.assigneeId));
  }
  if (query.customerId) conditions.push(eq(tickets.customerId, query.customerId));
  if (query.q) conditions.push(ilike(tickets.subject, `%${escapeLike(query.q)}%`));
  if (query.sla) return slaPage(ctx, conditions, query.sla, query);
  conditions.push(beforeCursor(tickets, query.cursor));
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit);
  return { ...page, data: await withSla(ctx, page.data) };
}

// Nearest deadline first; a breached ticket with no deadline left running sorts last.
const deadlineKey = sql`coalesce(${tickets.slaNextDueAt}, 'infinity'::timestamptz)`;
const slaCursor = cursorCodec(z.tuple([cursorTimestamp.nullable(), cursorId]));

async function slaPage(
  ctx: ServiceContext,
  conditions: (SQL | undefined)[],
  filter: "at_risk" | "breached",
  query: { limit: number; cursor?: string },
) {
  const now = new Date();
  conditions.push(
    filter === "at_risk"
      ? and(eq(tickets.slaBreached, false), lte(tickets.slaNextWarnAt, now), gt(tickets.slaNextDueAt, now))
      : or(eq(tickets.slaBreached, true), lte(tickets.slaNextDueAt, now)),
  );
  if (query.cursor) {
    const [due, id] = slaCursor.decode(query.cursor);
    conditions.push(
      due
        ? or(gt(deadlineKey, due), and(eq(deadlineKey, due), gt(tickets.id, id)))
        : and(isNull(tickets.slaNextDueAt), gt(tickets.id, id)),
    );
  }
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(...conditions))
    .orderBy(asc(deadlineKey), asc(tickets.id))
    .limit(query.limit + 1);
  const data = rows.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data: await withSla(ctx, data, now),
    nextCursor:
      rows.length > query.limit && last
        ? slaCursor.encode([last.slaNextDueAt?.toISOString() ?? null, last.id])
        : null,
  };
}

/** `50%_off` searches for that text, not for a pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
