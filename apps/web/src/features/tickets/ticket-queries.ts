import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import type { paths } from "../../api/schema.gen.ts";

/**
 * The ticket queries every screen shares, keyed by API path so that realtime/live-updates.ts
 * refreshes them when a ticket changes.
 */

export type TicketListParams = Omit<
  NonNullable<paths["/api/v1/tickets"]["get"]["parameters"]["query"]>,
  "cursor"
>;

const fetchTicketPage = (params: TicketListParams, cursor: string | undefined, signal: AbortSignal) =>
  call(api.GET("/api/v1/tickets", { params: { query: cursor ? { ...params, cursor } : params }, signal }));

const fetchTicket = (id: string, signal?: AbortSignal) =>
  call(api.GET("/api/v1/tickets/{id}", { params: { path: { id } }, signal }));

const fetchMessages = (id: string, cursor: string | undefined, signal: AbortSignal) =>
  call(
    api.GET("/api/v1/tickets/{id}/messages", {
      params: { path: { id }, query: cursor ? { cursor, limit: MESSAGE_PAGE } : { limit: MESSAGE_PAGE } },
      signal,
    }),
  );

export type TicketPage = Awaited<ReturnType<typeof fetchTicketPage>>;
export type TicketSummary = TicketPage["data"][number];
export type TicketDetail = Awaited<ReturnType<typeof fetchTicket>>;
export type TicketMessage = TicketDetail["messages"][number];
export type TicketStatus = TicketSummary["status"];
export type TicketPriority = TicketSummary["priority"];
export type Sla = TicketSummary["sla"];
export type SlaTarget = NonNullable<NonNullable<Sla>["firstResponse"]>;

export const ticketStatuses: readonly TicketStatus[] = ["new", "open", "pending", "resolved", "closed"];
export const ticketPriorities: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];

/**
 * A list of tickets, a page at a time. On a refresh TanStack Query fetches the loaded pages again
 * from the first, each from the fresh cursor of the one before: a new ticket pushes the others
 * down without a gap or a duplicate at the page boundaries.
 */
export const ticketListQuery = (params: TicketListParams) =>
  infiniteQueryOptions({
    queryKey: ["/api/v1/tickets", params],
    queryFn: ({ pageParam, signal }) => fetchTicketPage(params, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: ["/api/v1/tickets/{id}", id],
    queryFn: ({ signal }) => fetchTicket(id, signal),
  });

/** The ticket's answer carries the latest messages; older ones come this many at a time. */
const MESSAGE_PAGE = 50;

/**
 * The thread, newest page first. Its first page is the ticket's own latest messages (seeded from
 * the ticket query, so opening a ticket is one request); "load older" pages on from there.
 */
export const messagesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: ["/api/v1/tickets/{id}/messages", id],
    queryFn: ({ pageParam, signal }) => fetchMessages(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const followersQuery = (id: string) =>
  queryOptions({
    queryKey: ["/api/v1/tickets/{id}/followers", id],
    queryFn: ({ signal }) =>
      call(api.GET("/api/v1/tickets/{id}/followers", { params: { path: { id } }, signal })),
  });

export const slaPoliciesQuery = queryOptions({
  queryKey: ["/api/v1/sla-policies", { limit: 100 }],
  queryFn: ({ signal }) =>
    call(api.GET("/api/v1/sla-policies", { params: { query: { limit: 100 } }, signal })),
  staleTime: 5 * 60_000,
});
