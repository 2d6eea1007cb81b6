import type { Executor } from "@helpdesk/db/client";
import { reportExports } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ForbiddenError, NotFoundError } from "../../lib/errors.ts";
import type { ExportSettings } from "../../storage/export-settings.ts";
import { verifyDownload } from "../../storage/url-signature.ts";
import { exportFilename } from "./export-files.ts";
import { statusOf } from "./export-view.ts";

/**
 * A local download link's file: the signature is the only credential (the link works from an
 * e-mail or a plain browser download). A link that was not signed for this export, was altered,
 * or has expired is refused alike, without saying which, nor whether the export exists.
 */
export async function openDownload(
  ctx: { db: Executor; exports: ExportSettings },
  id: string,
  query: { expires?: unknown; signature?: unknown },
) {
  const refused = new ForbiddenError("This download link is invalid or has expired");
  if (!z.uuid().safeParse(id).success) throw refused;
  const [row] = await ctx.db.select().from(reportExports).where(eq(reportExports.id, id));
  if (!row?.storageKey || !verifyDownload(ctx.exports.urlSecret, row.storageKey, query)) throw refused;
  if (statusOf(row) !== "ready") throw new NotFoundError("Export file");
  const body = await ctx.exports.storage.openRead(row.storageKey);
  if (!body) throw new NotFoundError("Export file");
  return { body, filename: exportFilename(row), byteSize: row.byteSize };
}
