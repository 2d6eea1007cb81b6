import type { Executor } from "@helpdesk/db/client";
import { reportExports } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ForbiddenError, NotFoundError } from "../../lib/errors.ts";
import type { ExportSettings } from "../../storage/export-settings.ts";
import { verifyDownload } from "../../storage/url-signature.ts";
import { exportFilename, exportIdOfKey } from "./export-files.ts";
import { statusOf } from "./export-view.ts";

/**
 * A local download link's file: the signature is the only credential (the link works from a plain
 * browser download). It is checked first, against the key and expiry the link names, so a link we
 * did not sign reads nothing and learns nothing: altered, forged, expired or naming another export,
 * it is refused alike, whether or not the export exists.
 */
export async function openDownload(
  ctx: { db: Executor; exports: ExportSettings },
  id: string,
  query: { key?: unknown; expires?: unknown; signature?: unknown },
) {
  const { key } = query;
  const signed =
    typeof key === "string" &&
    z.uuid().safeParse(id).success &&
    exportIdOfKey(key) === id &&
    verifyDownload(ctx.exports.urlSecret, key, query);
  if (!signed) throw new ForbiddenError("This download link is invalid or has expired");
  const [row] = await ctx.db.select().from(reportExports).where(eq(reportExports.id, id));
  // A link is only signed for a ready export's file; retention may have removed it since.
  if (!row || row.storageKey !== key || statusOf(row) !== "ready") throw new NotFoundError("Export file");
  const body = await ctx.exports.storage.openRead(key);
  if (!body) throw new NotFoundError("Export file");
  return { body, filename: exportFilename(row), byteSize: row.byteSize };
}
