import {
  type RecordNotificationInput,
  recordNotification as recordRow,
} from "@helpdesk/db/queries/record-notification";
import type { SystemContext } from "../../context/service-context.ts";

/** Repeats of one (user, ticket, type) within this long collapse into one row with a count. */
export const COLLAPSE_WINDOW_MS = 5 * 60_000;
/**
 * Event ids kept on a collapsed row: a retried job comes back within its backoff, long before this
 * many newer events of the same (user, ticket, type). Small enough to keep the row under
 * PostgreSQL's TOAST threshold, so a collapse doesn't rewrite the array out of line (bench/RESULTS.md).
 */
export const KEEP_EVENT_IDS = 30;

/** One event for one user; the collapse rules are the service's. */
export type NotificationInput = Omit<RecordNotificationInput, "collapseWindowMs" | "keepEventIds">;

/**
 * Records one event for one user. Within 5 minutes, events of the same (user, ticket, type)
 * collapse into one row with a count (and the row becomes unread again). Answers the row, or
 * undefined when the user already has this event (a redelivered or retried job): nothing changed.
 */
export function recordNotification(ctx: Pick<SystemContext, "db">, input: NotificationInput) {
  return recordRow(ctx.db, { ...input, collapseWindowMs: COLLAPSE_WINDOW_MS, keepEventIds: KEEP_EVENT_IDS });
}
