import type { NotificationType, UserRole } from "@helpdesk/db/schema";

/**
 * Whether a type is e-mailed when the user has not chosen (docs/notifications.md). Customers get
 * everything about their tickets; staff are not e-mailed every new ticket (they see it live).
 */
export function emailByDefault(type: NotificationType, role: UserRole): boolean {
  if (role === "customer") return true;
  return type !== "ticket.created";
}
