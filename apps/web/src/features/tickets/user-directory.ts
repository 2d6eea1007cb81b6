import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { api, call } from "../../api/client.ts";

const fetchUserPage = (cursor: string | undefined, signal: AbortSignal) =>
  call(
    api.GET("/api/v1/users", { params: { query: cursor ? { limit: 100, cursor } : { limit: 100 } }, signal }),
  );

export type DirectoryUser = Awaited<ReturnType<typeof fetchUserPage>>["data"][number];

/** An organization's people rarely fill more pages than this; past it, names show as unknown. */
const MAX_PAGES = 20;

/**
 * Everyone the signed-in user may see, read once and shared by every row that names a person:
 * lists resolve assignee and customer names here instead of asking per row. Customers get only
 * themself from the API, so their screens name no one else.
 */
export const userDirectoryQuery = queryOptions({
  queryKey: ["/api/v1/users", { all: true }],
  queryFn: async ({ signal }) => {
    const users: DirectoryUser[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await fetchUserPage(cursor, signal);
      users.push(...answer.data);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    return users;
  },
  staleTime: 5 * 60_000,
});

/**
 * `enabled: false` where no name is shown (a customer's screens): nothing is fetched. `shown`: the
 * ids the screen names; one the directory lacks (a user added since it was read, elsewhere) has it
 * read again, once per id, rather than showing "unknown" until it goes stale.
 */
export function useUserDirectory(enabled = true, shown: readonly (string | null)[] = []) {
  const { data } = useQuery({ ...userDirectoryQuery, enabled });
  const directory = useMemo(() => {
    const byId = new Map((data ?? []).map((user) => [user.id, user]));
    const staff = (data ?? [])
      .filter((user) => user.active && user.role !== "customer")
      .sort((a, b) => a.name.localeCompare(b.name));
    return { loaded: data !== undefined, byId, staff };
  }, [data]);
  const queryClient = useQueryClient();
  const asked = useRef(new Set<string>());
  const missing = directory.loaded
    ? shown.filter((id): id is string => id !== null && !directory.byId.has(id) && !asked.current.has(id))
    : [];
  const missingKey = [...new Set(missing)].join();
  useEffect(() => {
    if (!missingKey) return;
    for (const id of missingKey.split(",")) asked.current.add(id);
    void queryClient.invalidateQueries({ queryKey: userDirectoryQuery.queryKey });
  }, [missingKey, queryClient]);
  return directory;
}
