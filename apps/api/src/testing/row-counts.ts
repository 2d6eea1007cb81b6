import type { Database } from "@helpdesk/db/client";
import { organizations, ticketMessages, tickets, users } from "@helpdesk/db/schema";
import { count, eq, like, max } from "drizzle-orm";

/**
 * What an organization holds, and when its rows last changed: equal before and after a refused
 * request means the request wrote nothing (no insert, and no update either).
 */
export async function orgFootprint(db: Database, organizationId: string) {
  const [[userRows], [ticketRows], [messageRows]] = await Promise.all([
    db
      .select({ n: count(), lastUpdate: max(users.updatedAt) })
      .from(users)
      .where(eq(users.organizationId, organizationId)),
    db
      .select({ n: count(), lastUpdate: max(tickets.updatedAt) })
      .from(tickets)
      .where(eq(tickets.organizationId, organizationId)),
    db.select({ n: count() }).from(ticketMessages).where(eq(ticketMessages.organizationId, organizationId)),
  ]);
  return { users: userRows, tickets: ticketRows, messages: messageRows?.n };
}

/** Organizations and users whose name or e-mail carries `marker`: what a sign-up would have created. */
export async function signUpFootprint(db: Database, marker: string) {
  const [[orgRows], [userRows]] = await Promise.all([
    db
      .select({ n: count() })
      .from(organizations)
      .where(like(organizations.name, `%${marker}%`)),
    db
      .select({ n: count() })
      .from(users)
      .where(like(users.email, `%${marker}%`)),
  ]);
  return { organizations: orgRows?.n, users: userRows?.n };
}
