import type { UserRole } from "@helpdesk/db/schema";

/** Every kind of notification; preferences are per type. */
export const notificationTypes = [
  "ticket.created",
  "message.added",
  "ticket.assigned",
  "ticket.status_changed",
  "sla.warning",
  "sla.breached",
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/**
 * Whether a type is e-mailed when the user has not chosen (docs/notifications.md). Customers get
 * everything about their tickets; staff are not e-mailed every new ticket (they see it live).
 */
export function emailByDefault(type: NotificationType, role: UserRole): boolean {
  if (role === "customer") return true;
  return type !== "ticket.created";
}
