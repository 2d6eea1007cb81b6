import { tickets } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

/** A timer acts on the clocks as the history says: a write whose sync has not run yet goes first. */
export async function syncIfDirty(ctx: SystemContext, ticket: { organizationId: string; ticketId: string }) {
  const [row] = await ctx.db
    .select({ dirty: tickets.slaDirty })
    .from(tickets)
    .where(and(eq(tickets.id, ticket.ticketId), eq(tickets.organizationId, ticket.organizationId)));
  if (row?.dirty) await syncTicketSla(ctx, ticket.ticketId);
}
