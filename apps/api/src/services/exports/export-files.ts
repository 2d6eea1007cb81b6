import type { ReportExport } from "@helpdesk/db/schema";

/**
 * One file per attempt, under its organization: `<organizationId>/<exportId>.<attempt>.csv`. An
 * attempt abandoned at its timeout may still be writing while the retry runs: they never share a file.
 */
export const exportKey = (organizationId: string, exportId: string, attempt: number) =>
  `${organizationId}/${exportId}.${attempt}.csv`;

/** The export a key names (the local download route is addressed by export id). */
export const exportIdOfKey = (key: string) => key.slice(key.lastIndexOf("/") + 1).split(".")[0] ?? "";

/** The name a download is saved under: what it holds and its period, e.g. `tickets_2026-01-01_2026-02-01.csv`. */
export function exportFilename(row: Pick<ReportExport, "type" | "params">): string {
  const day = (instant: string) => instant.slice(0, 10);
  return `${row.type}_${day(row.params.from)}_${day(row.params.to)}.csv`;
}
