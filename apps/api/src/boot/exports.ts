import type { Env } from "@helpdesk/config/env";
import { exportDownloadPath } from "../routes/export-download.ts";
import { exportIdOfKey } from "../services/exports/export-files.ts";
import type { ExportSettings } from "../storage/export-settings.ts";
import { createLocalStorage } from "../storage/local-storage.ts";
import { createS3Storage } from "../storage/s3-storage.ts";
import { deriveDownloadSecret } from "../storage/url-signature.ts";

/** S3-compatible storage when S3_BUCKET is set, else files under EXPORT_DIR served by the API. */
export function createExportSettings(config: Env): ExportSettings {
  const urlSecret = config.EXPORT_URL_SECRET ?? deriveDownloadSecret(config.JWT_SECRET);
  const storage = config.S3_BUCKET
    ? createS3Storage({
        bucket: config.S3_BUCKET,
        endpoint: config.S3_ENDPOINT,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      })
    : createLocalStorage({
        dir: config.EXPORT_DIR,
        secret: urlSecret,
        downloadUrl: (key) => `${config.PUBLIC_URL}/api/v1${exportDownloadPath(exportIdOfKey(key))}`,
      });
  return { storage, urlSecret, fileTtlDays: config.EXPORT_TTL_DAYS };
}
