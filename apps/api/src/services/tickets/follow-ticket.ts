import { ticketFollowers, users } from "@helpdesk/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ValidationError } from "../../lib/errors.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { loadTicket } from "./load-ticket.ts";

export const followerInput = z
  .object({
    /** Whom to add or remove; yourself when omitted. */
    userId: z.uuid().optional(),
  })
  .strict()
  .default({});

/** Staff follow a ticket to hear of its public messages; adding someone twice is a no-op. */
export async function followTicket(
  ctx: ServiceContext,
  ticketId: string,
  input: z.output<typeof followerInput>,
) {
  const ticket = await loadTicket(ctx, ticketId);
  const userId = input.userId ?? ctx.actor.id;
  if (!(await findActiveMember(ctx, userId, ["agent", "admin"]))) {
    throw ValidationError.field("body", "userId", "is not an active agent or admin of this organization");
  }
  await ctx.db
    .insert(ticketFollowers)
    .values({ ticketId: ticket.id, userId, organizationId: ticket.organizationId })
    .onConflictDoNothing();
  return listFollowers(ctx, ticket.id);
}

export async function unfollowTicket(
  ctx: ServiceContext,
  ticketId: string,
  input: z.output<typeof followerInput>,
) {
  const ticket = await loadTicket(ctx, ticketId);
  await ctx.db
    .delete(ticketFollowers)
    .where(
      and(eq(ticketFollowers.ticketId, ticket.id), eq(ticketFollowers.userId, input.userId ?? ctx.actor.id)),
    );
  return listFollowers(ctx, ticket.id);
}

/** Who follows a ticket, in the order they started: the ticket page shows them and offers to follow. */
export async function getFollowers(ctx: ServiceContext, ticketId: string) {
  const ticket = await loadTicket(ctx, ticketId);
  return listFollowers(ctx, ticket.id);
}

async function listFollowers(ctx: ServiceContext, ticketId: string) {
  const followers = await ctx.db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(ticketFollowers)
    .innerJoin(users, eq(users.id, ticketFollowers.userId))
    .where(eq(ticketFollowers.ticketId, ticketId))
    .orderBy(asc(ticketFollowers.createdAt));
  return { followers };
}
