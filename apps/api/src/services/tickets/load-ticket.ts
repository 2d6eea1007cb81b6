import { tickets } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";

/**
 * The ticket if the actor may see it, else NotFoundError: another organization's ticket and another
 * customer's ticket look exactly like a missing one. `lock` takes a row lock for read-modify-write.
 */
export async function loadTicket(ctx: ServiceContext, ticketId: string, options: { lock?: boolean } = {}) {
  const conditions = [eq(tickets.id, ticketId), eq(tickets.organizationId, ctx.actor.organizationId)];
  if (ctx.actor.role === "customer") conditions.push(eq(tickets.customerId, ctx.actor.id));
  const query = ctx.db
    .select()
    .from(tickets)
    .where(and(...conditions))
    .limit(1);
  const [ticket] = options.lock ? await query.for("update") : await query;
  if (!ticket) throw new NotFoundError("Ticket");
  return ticket;
}
