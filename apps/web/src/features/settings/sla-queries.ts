import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import { usersQuery } from "./user-queries.ts";

/** One page of 100: an organization with more policies than that is not one this screen is for. */
export const slaPoliciesQuery = queryOptions({
  queryKey: ["/api/v1/sla-policies", { limit: 100 }],
  queryFn: () => call(api.GET("/api/v1/sla-policies", { params: { query: { limit: 100 } } })),
});

/** The agents and admins escalation may name (the API refuses customers and inactive users). */
export function useStaff() {
  const agents = useQuery(usersQuery({ role: "agent", limit: 100 }));
  const admins = useQuery(usersQuery({ role: "admin", limit: 100 }));
  const everyone = [...(admins.data?.data ?? []), ...(agents.data?.data ?? [])];
  return {
    staff: everyone.filter((user) => user.active).sort((a, b) => a.name.localeCompare(b.name)),
    /** Names of everyone loaded, active or not, to show who a stored policy names. */
    nameOf: (id: string) => everyone.find((user) => user.id === id)?.name,
    isPending: agents.isPending || admins.isPending,
  };
}
