import { route } from "../http/route.ts";
import { idParam, page } from "../schemas/common.ts";
import { exportRequestedSchema, exportSchema } from "../schemas/export.ts";
import { getExport } from "../services/exports/get-export.ts";
import { listExports, listExportsQuery } from "../services/exports/list-exports.ts";
import {
  MAX_EXPORTS_IN_FLIGHT,
  requestExport,
  requestExportInput,
} from "../services/exports/request-export.ts";

export const exportRoutes = [
  route({
    method: "post",
    path: "/reports/exports",
    operationId: "createExport",
    tag: "Reports",
    summary: "Request a CSV export of tickets, SLA breaches or messages",
    description:
      "Answers 202 at once; the file is written in the background. Follow it with `export:progress` and `export:ready` socket events, or by GETting the export. " +
      `A requester with ${MAX_EXPORTS_IN_FLIGHT} exports already queued or running gets 429 \`rate_limited\` (with Retry-After) until one has finished.`,
    access: ["agent", "admin"],
    body: requestExportInput,
    response: exportRequestedSchema,
    status: 202,
    idempotent: true,
    handler: async (ctx, { body }) => {
      const row = await requestExport(ctx, body);
      return { id: row.id, status: "queued" as const };
    },
  }),
  route({
    method: "get",
    path: "/reports/exports",
    operationId: "listExports",
    tag: "Reports",
    summary: "List your exports (an admin: the organization's), newest first, with keyset pagination",
    access: ["agent", "admin"],
    query: listExportsQuery,
    response: page(exportSchema),
    handler: (ctx, { query }) => listExports(ctx, query),
  }),
  route({
    method: "get",
    path: "/reports/exports/:id",
    operationId: "getExport",
    tag: "Reports",
    summary: "One export: its status, progress and, once ready, a signed download link",
    access: ["agent", "admin"],
    params: idParam,
    response: exportSchema,
    handler: (ctx, { params }) => getExport(ctx, params.id),
  }),
];
