import type { ExportProgressEvent } from "@helpdesk/socket-events/events";
import { infiniteQueryOptions, queryOptions, useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import type { paths } from "../../api/schema.gen.ts";

export type ExportView =
  paths["/api/v1/reports/exports/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type ExportStatus = ExportView["status"];
export type ExportType = ExportView["type"];

export const inFlight = (status: ExportStatus) => status === "queued" || status === "running";

const POLL_IN_FLIGHT_MS = 5_000;
/** A ready export's link is signed for an hour: fetched again well before it stops working. */
const REFRESH_LINK_MS = 30 * 60_000;

/**
 * One export. Socket events refresh it as it moves (realtime/live-updates.ts); the polling while it
 * is queued or running covers a socket that is down or reconnecting.
 */
export const exportQuery = (id: string) =>
  queryOptions({
    queryKey: ["/api/v1/reports/exports/{id}", id],
    queryFn: () => call(api.GET("/api/v1/reports/exports/{id}", { params: { path: { id } } })),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status && inFlight(status)) return POLL_IN_FLIGHT_MS;
      return status === "ready" ? REFRESH_LINK_MS : false;
    },
  });

const PAGE_SIZE = 25;

/** The caller's exports (an admin's: the organization's), newest first. */
export const exportsListQuery = infiniteQueryOptions({
  queryKey: ["/api/v1/reports/exports", { limit: PAGE_SIZE }],
  queryFn: ({ pageParam }) =>
    call(
      api.GET("/api/v1/reports/exports", {
        params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
      }),
    ),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  refetchInterval: (query) =>
    query.state.data?.pages.some((page) => page.data.some((row) => inFlight(row.status)))
      ? POLL_IN_FLIGHT_MS
      : false,
});

/**
 * The export's latest `export:progress` event, which the socket writes into the cache (rows done of
 * the total, between two reads of the export); nothing is fetched under this key.
 */
export function useProgressEvent(id: string): ExportProgressEvent | undefined {
  const { data } = useQuery<ExportProgressEvent | null>({
    queryKey: ["export-progress", id],
    queryFn: () => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? undefined;
}
