import { ticketPriorities, ticketStatuses, tickets } from "@helpdesk/db/schema";
import { and, desc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { beforeCursor } from "../../lib/keyset.ts";

export const listTicketsQuery = z.object({
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** Newest first; customers only ever see their own tickets, whatever filters they pass. */
export async function listTickets(ctx: ServiceContext, query: z.output<typeof listTicketsQuery>) {
  const conditions: (SQL | undefined)[] = [eq(tickets.organizationId, ctx.actor.organizationId)];
  if (ctx.actor.role === "customer") conditions.push(eq(tickets.customerId, ctx.actor.id));
  if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.priority) conditions.push(eq(tickets.priority, query.priority));
  if (query.assigneeId) conditions.push(eq(tickets.assigneeId, query.assigneeId));
  if (query.customerId) conditions.push(eq(tickets.customerId, query.customerId));
  if (query.q) conditions.push(ilike(tickets.subject, `%${escapeLike(query.q)}%`));
  conditions.push(beforeCursor(tickets, query.cursor));
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}

/** `50%_off` searches for that text, not for a pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
