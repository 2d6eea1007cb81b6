import { ticketMessages } from "@helpdesk/db/schema";
import { eq, ne, type SQL } from "drizzle-orm";

/**
 * Messages of this ticket the recipient may read and did not write (customers: no internal notes):
 * what a message e-mail lists, and what keeps its ticket from being quiet.
 */
export function visibleTo(
  ticketId: string,
  recipient: { id: string; role: "customer" | "agent" | "admin" },
): SQL[] {
  const conditions = [eq(ticketMessages.ticketId, ticketId), ne(ticketMessages.authorId, recipient.id)];
  if (recipient.role === "customer") conditions.push(eq(ticketMessages.internal, false));
  return conditions;
}
