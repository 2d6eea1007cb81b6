import type { TicketStatus } from "@helpdesk/db/schema";

/**
 * Which status may follow which (documented in docs/tickets.md).
 * - `closed` is final: a customer who writes again opens a new ticket.
 * - Reopening a `resolved` ticket sends it to `open`, never back to `new`.
 * - Nothing goes back to `new`: it means "no agent has looked at this yet".
 */
export const allowedTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "resolved", "closed"],
  open: ["pending", "resolved", "closed"],
  pending: ["open", "resolved", "closed"],
  resolved: ["open", "closed"],
  closed: [],
};

/** Customers may mark their own ticket solved, or reopen it while it is resolved; the rest is for agents. */
export const customerTransitions: Partial<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ["resolved"],
  open: ["resolved"],
  pending: ["resolved"],
  resolved: ["open"],
};

export const canTransition = (from: TicketStatus, to: TicketStatus, asCustomer: boolean) =>
  (asCustomer ? (customerTransitions[from] ?? []) : allowedTransitions[from]).includes(to);

/**
 * Why a ticket was closed: by someone (`manual`), or by the auto-close timer or scan once the
 * organization's `autoCloseDays` had passed since it was resolved. Rows closed before the reason had
 * its long name say `auto`.
 */
export const closedReasons = {
  manual: "manual",
  autoClosed: "auto_closed_after_resolution",
} as const;

/** Timestamp columns that follow a status change, at `now` (a Date, or SQL computing one). */
export function statusTimestamps<T>(to: TicketStatus, now: T) {
  switch (to) {
    case "resolved":
      return { resolvedAt: now };
    case "closed":
      return { closedAt: now, closedReason: closedReasons.manual };
    case "open":
      return { resolvedAt: null };
    default:
      return {};
  }
}
