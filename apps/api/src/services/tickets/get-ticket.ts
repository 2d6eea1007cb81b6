import { ticketMessages, users } from "@helpdesk/db/schema";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { loadTicket } from "./load-ticket.ts";

/** The ticket with its conversation; internal notes are left out for customers. */
export async function getTicket(ctx: ServiceContext, ticketId: string) {
  const ticket = await loadTicket(ctx, ticketId);
  const conditions: SQL[] = [eq(ticketMessages.ticketId, ticket.id)];
  if (ctx.actor.role === "customer") conditions.push(eq(ticketMessages.internal, false));
  const messages = await ctx.db
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
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
  return { ...ticket, messages };
}
