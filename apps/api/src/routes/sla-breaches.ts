import { route } from "../http/route.ts";
import { page } from "../schemas/common.ts";
import { slaBreachSchema } from "../schemas/sla.ts";
import { listBreaches, listBreachesQuery } from "../services/sla/list-breaches.ts";

export const slaBreachRoutes = [
  route({
    method: "get",
    path: "/sla-breaches",
    operationId: "listSlaBreaches",
    tag: "SLA breaches",
    summary: "List the organization's SLA breaches, newest first, with keyset pagination",
    description:
      "`from` (inclusive) and `to` (exclusive) bound `breachedAt`; `target` keeps one target's breaches.",
    access: ["agent", "admin"],
    query: listBreachesQuery,
    response: page(slaBreachSchema),
    handler: (ctx, { query }) => listBreaches(ctx, query),
  }),
];
