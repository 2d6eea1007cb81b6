import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import type { paths } from "../../api/schema.gen.ts";

export type DeadLetter =
  paths["/api/v1/admin/jobs/dead-letters"]["get"]["responses"][200]["content"]["application/json"]["data"][number];
export type Scheduler =
  paths["/api/v1/admin/jobs/schedulers"]["get"]["responses"][200]["content"]["application/json"]["schedulers"][number];

/** Counts move with every job: read again while the page is open. */
const COUNTS_MS = 15_000;
const THROUGHPUT_MS = 30_000;

export const jobStatsQuery = queryOptions({
  queryKey: ["/api/v1/admin/jobs/stats"],
  queryFn: () => call(api.GET("/api/v1/admin/jobs/stats")),
  refetchInterval: COUNTS_MS,
});

export const queueStatsQuery = (queue: string) =>
  queryOptions({
    queryKey: ["/api/v1/admin/jobs/{queue}/stats", queue],
    queryFn: () => call(api.GET("/api/v1/admin/jobs/{queue}/stats", { params: { path: { queue } } })),
    refetchInterval: THROUGHPUT_MS,
  });

export const schedulersQuery = queryOptions({
  queryKey: ["/api/v1/admin/jobs/schedulers"],
  queryFn: () => call(api.GET("/api/v1/admin/jobs/schedulers")),
});

/** `retried: "false"`: only the ones nobody has retried yet. */
export type DeadLetterFilters = Pick<
  NonNullable<paths["/api/v1/admin/jobs/dead-letters"]["get"]["parameters"]["query"]>,
  "queue" | "retried"
>;

const PAGE_SIZE = 25;

export const deadLettersQuery = (filters: DeadLetterFilters) =>
  infiniteQueryOptions({
    queryKey: ["/api/v1/admin/jobs/dead-letters", filters],
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/admin/jobs/dead-letters", {
          params: { query: { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: THROUGHPUT_MS,
  });
