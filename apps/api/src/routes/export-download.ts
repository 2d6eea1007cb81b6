import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Executor } from "@helpdesk/db/client";
import { Router } from "express";
import { openDownload } from "../services/exports/open-download.ts";
import { contentDisposition } from "../storage/content-disposition.ts";
import type { ExportSettings } from "../storage/export-settings.ts";

/** Where a local export's signed link points (storage/local-storage.ts builds it). */
export const exportDownloadPath = (id: string) => `/reports/exports/${id}/download`;

/**
 * `GET /reports/exports/:id/download?key=…&expires=…&signature=…`: streams a local export's file. Public,
 * the signature is the authority; outside the route DSL because it answers a file, not JSON.
 */
export function exportDownloadRouter(deps: { db: Executor; exports: ExportSettings }): Router {
  const router = Router();
  router.get(exportDownloadPath(":id"), async (req, res) => {
    const file = await openDownload(deps, String(req.params.id), req.query);
    res.set({
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(file.filename),
      ...(file.byteSize !== null && { "Content-Length": String(file.byteSize) }),
    });
    await pipeline(Readable.from(file.body), res);
  });
  return router;
}
