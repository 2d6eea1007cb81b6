import { queryOptions, useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { api, call } from "../api/client.ts";
import { tokenStore } from "../session/token-store.ts";

/** The signed-in user and organization; every screen reads role, locale and time zone from it. */
export const meQuery = queryOptions({
  queryKey: ["/api/v1/me"],
  queryFn: () => call(api.GET("/api/v1/me")),
  staleTime: 5 * 60_000,
});

export function useToken() {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.token, () => null);
}

/** Only inside the signed-in layout, which has loaded it before rendering. */
export function useMe() {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error("useMe outside the signed-in layout");
  return data;
}

export const isStaff = (role: string) => role === "agent" || role === "admin";
