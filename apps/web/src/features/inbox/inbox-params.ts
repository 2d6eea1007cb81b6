import type { TicketListParams, TicketStatus } from "../tickets/ticket-queries.ts";
import { ticketStatuses } from "../tickets/ticket-queries.ts";

/** The inbox's filters as the URL holds them (router.tsx, InboxSearch). */
export interface InboxFilters {
  status?: string | undefined;
  assignee?: string | undefined;
  sla?: string | undefined;
  q?: string | undefined;
}

/** A page of the inbox: enough to scan, small enough to answer fast in a large organization. */
export const INBOX_PAGE_SIZE = 50;

const isStatus = (value: string | undefined): value is TicketStatus =>
  ticketStatuses.includes(value as TicketStatus);

/** The list query for the URL's filters; values the API does not know are left out, not sent. */
export function inboxListParams(filters: InboxFilters, myId: string): TicketListParams {
  const params: TicketListParams = { limit: INBOX_PAGE_SIZE };
  if (isStatus(filters.status)) params.status = filters.status;
  if (filters.assignee === "me") params.assigneeId = myId;
  if (filters.assignee === "unassigned") params.unassigned = "true";
  if (filters.sla === "at_risk" || filters.sla === "breached") params.sla = filters.sla;
  if (filters.q) params.q = filters.q.slice(0, 200);
  return params;
}
