import { ticketMessages, users } from "@helpdesk/db/schema";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { beforeCursor } from "../../lib/keyset.ts";
import { loadTicket } from "./load-ticket.ts";

export const listMessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** From a previous page's `nextCursor`, or the ticket's `olderMessagesCursor`: older messages. */
  cursor: cursorParam.optional(),
});

/**
 * A ticket's messages, newest first, a page at a time: a long conversation is never read, held
 * or sent whole. Internal notes are left out for customers; a ticket the actor can't see is 404.
 */
export async function listMessages(
  ctx: ServiceContext,
  ticketId: string,
  query: z.output<typeof listMessagesQuery>,
) {
  const ticket = await loadTicket(ctx, ticketId);
  const conditions: (SQL | undefined)[] = [eq(ticketMessages.ticketId, ticket.id)];
  if (ctx.actor.role === "customer") conditions.push(eq(ticketMessages.internal, false));
  conditions.push(beforeCursor(ticketMessages, query.cursor));
  const rows = await ctx.db
    .select({
      id: ticketMessages.id,
      ticketId: ticketMessages.ticketId,
      body: ticketMessages.body,
      internal: ticketMessages.internal,
      createdAt: ticketMessages.createdAt,
      author: { id: users.id, name: users.name, role: users.role },
    })
    .from(ticketMessages)
    .innerJoin(users, eq(users.id, ticketMessages.authorId))
    .where(and(...conditions))
    .orderBy(desc(ticketMessages.createdAt), desc(ticketMessages.id))
    .limit(query.limit + 1);
  return { ticket, ...toPage(rows, query.limit) };
}
