import { queryOptions } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import type { paths } from "../../api/schema.gen.ts";

export type UserListParams = NonNullable<paths["/api/v1/users"]["get"]["parameters"]["query"]>;

/** A page of the organization's users; keyed under "/api/v1/users" so one invalidation refreshes all. */
export const usersQuery = (query: UserListParams) =>
  queryOptions({
    queryKey: ["/api/v1/users", query],
    queryFn: () => call(api.GET("/api/v1/users", { params: { query } })),
  });

export type User = Awaited<ReturnType<NonNullable<ReturnType<typeof usersQuery>["queryFn"]>>>["data"][number];
export type Role = User["role"];
export const roles: readonly Role[] = ["customer", "agent", "admin"];
