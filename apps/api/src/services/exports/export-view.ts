import type { ExportStatus, ReportExport } from "@helpdesk/db/schema";
import type { ExportSettings } from "../../storage/export-settings.ts";
import { exportFilename } from "./export-files.ts";

/** How long an API answer's `downloadUrl` works. */
export const DOWNLOAD_LINK_SECONDS = 3600;

/** A ready export whose file has passed its expiry reads as expired before retention deletes it. */
export function statusOf(row: Pick<ReportExport, "status" | "expiresAt">, now = new Date()): ExportStatus {
  return row.status === "ready" && row.expiresAt && row.expiresAt <= now ? "expired" : row.status;
}

/**
 * A signed link to a ready export's file, valid until `until` (never past the file's own expiry);
 * null while there is no file to download.
 */
export function downloadUrl(
  settings: ExportSettings,
  row: ReportExport,
  until = new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000),
): string | null {
  if (statusOf(row) !== "ready" || !row.storageKey || !row.expiresAt) return null;
  const expiresAt = until < row.expiresAt ? until : row.expiresAt;
  return settings.storage.signedUrl(row.storageKey, { expiresAt, filename: exportFilename(row) });
}

/** An export as the API shows it. */
export function toExportView(settings: ExportSettings, row: ReportExport) {
  return {
    id: row.id,
    type: row.type,
    status: statusOf(row),
    progress: row.progress,
    rowCount: row.rowCount,
    params: row.params,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    expiresAt: row.expiresAt,
    downloadUrl: downloadUrl(settings, row),
  };
}
