import type { TicketStatus } from "./ticket-queries.ts";

/**
 * Which status may follow which, as the API's state machine allows (docs/tickets.md): the controls
 * offer only these, so a choice the API would refuse with a 409 is never on the menu.
 */
const staffTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "resolved", "closed"],
  open: ["pending", "resolved", "closed"],
  pending: ["open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: [],
};

/** The current status first, then where it may go. */
export const statusChoices = (from: TicketStatus): TicketStatus[] => [from, ...staffTransitions[from]];

/** Customers resolve their own ticket, or reopen it while it is resolved. */
export const customerCanResolve = (status: TicketStatus) =>
  status === "new" || status === "open" || status === "pending";
export const customerCanReopen = (status: TicketStatus) => status === "resolved";
