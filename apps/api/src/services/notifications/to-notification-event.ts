import type { Notification } from "@helpdesk/db/schema";
import type { NotificationEvent } from "@helpdesk/socket-events/events";

/** A notification row as the `notification` socket event and the list route show it. */
export const toNotificationEvent = (row: Notification): NotificationEvent => ({
  id: row.id,
  type: row.type,
  ticketId: row.ticketId,
  count: row.count,
  data: row.data,
  readAt: null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
