import type { ExportStorage } from "./export-storage.ts";

/** What exports need from the app's config, for the routes (links) and the job (files). */
export interface ExportSettings {
  storage: ExportStorage;
  /** Signs and checks the local download route's links (EXPORT_URL_SECRET, or derived). */
  urlSecret: string;
  /** Days a finished (ready or failed) export is kept before retention removes its file (EXPORT_TTL_DAYS). */
  fileTtlDays: number;
}
