import { type ReportExport, reportExports } from "@helpdesk/db/schema";
import { streamRows } from "@helpdesk/db/stream-rows";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { csvRecord } from "../../lib/csv.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { ExportSettings } from "../../storage/export-settings.ts";
import { exportKey } from "./export-files.ts";
import { exportSources } from "./export-sources.ts";
import { downloadUrl } from "./export-view.ts";
import { ProgressReporter } from "./progress-reporter.ts";

export interface ExportContext extends SystemContext {
  exports: ExportSettings;
}

export interface ExportRun {
  /** Aborts at the job's timeout: checked between batches. */
  signal: AbortSignal;
  /** No attempt follows this one: a failure is final. */
  lastAttempt: boolean;
  /** The job's own progress (BullMQ `updateProgress`). */
  reportProgress(progress: { rowsDone: number; total: number }): Promise<void>;
}

/** Rows fetched per cursor round trip, encoded and written as one chunk. */
const BATCH_ROWS = 1_000;
/**
 * Every batch leaves its decoded rows and encoded text behind as garbage, and JavaScriptCore lets
 * the heap grow far past what is live before it collects: a large export would show in the
 * process's RSS as if it were held whole. A full collection this often keeps memory flat, for
 * little time per export (bench/RESULTS.md, "Exports").
 */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Writes one export's CSV file: rows stream from a cursor through the encoder into storage, so
 * memory holds a batch or two whatever the export's size. Progress goes to the row, the job and the
 * requester's sockets; a run that fails for good marks the export failed (an earlier attempt puts
 * it back to queued for the retry).
 */
export async function runExport(
  ctx: ExportContext,
  target: { organizationId: string; exportId: string },
  run: ExportRun,
) {
  const byId = and(
    eq(reportExports.id, target.exportId),
    eq(reportExports.organizationId, target.organizationId),
  );
  const [row] = await ctx.db.select().from(reportExports).where(byId);
  if (!row) throw new NotFoundError("Export");
  // A redelivered job of a finished export has nothing left to do.
  if (row.status !== "queued" && row.status !== "running") return { skipped: `export is ${row.status}` };

  const key = exportKey(row.organizationId, row.id);
  try {
    await ctx.db.update(reportExports).set({ status: "running", progress: 0, error: null }).where(byId);
    const source = exportSources[row.type];
    const total = await source.count(ctx.db as never, row.organizationId, row.params);
    const progress = new ProgressReporter(total, async (update) => {
      ctx.realtime.exportUpdate(row.requesterId, "export:progress", { id: row.id, ...update });
      await Promise.all([
        run.reportProgress({ rowsDone: update.rowsDone, total: update.total }),
        ctx.db.update(reportExports).set({ progress: update.progress }).where(byId),
      ]);
    });
    await progress.start();
    const counted = { rows: 0, bytes: 0 };
    await ctx.exports.storage.put(key, encodeRows(ctx, row, run.signal, counted, progress), {
      contentType: "text/csv; charset=utf-8",
    });
    await progress.finish(counted.rows);
    return await markReady(ctx, row, key, counted);
  } catch (error) {
    await markFailedAttempt(ctx, row, error, run.lastAttempt);
    await ctx.exports.storage.delete(key).catch(() => {});
    throw error;
  }
}

async function* encodeRows(
  ctx: ExportContext,
  row: ReportExport,
  signal: AbortSignal,
  counted: { rows: number; bytes: number },
  progress: ProgressReporter,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const source = exportSources[row.type];
  const header = encoder.encode(csvRecord(source.header));
  counted.bytes += header.byteLength;
  yield header;
  const query = source.select(ctx.db as never, row.organizationId, row.params);
  let collectAt = COLLECT_EVERY_BYTES;
  for await (const batch of streamRows(ctx.db as never, query, BATCH_ROWS)) {
    signal.throwIfAborted();
    let text = "";
    for (const values of batch) text += csvRecord(values);
    const chunk = encoder.encode(text);
    counted.rows += batch.length;
    counted.bytes += chunk.byteLength;
    yield chunk;
    await progress.advance(counted.rows);
    if (counted.bytes >= collectAt) {
      Bun.gc(true);
      collectAt = counted.bytes + COLLECT_EVERY_BYTES;
    }
  }
}

async function markReady(
  ctx: ExportContext,
  row: ReportExport,
  key: string,
  counted: { rows: number; bytes: number },
) {
  const finishedAt = new Date();
  const ready = await withTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(reportExports)
      .set({
        status: "ready",
        progress: 100,
        rowCount: counted.rows,
        byteSize: counted.bytes,
        storageKey: key,
        finishedAt,
        expiresAt: new Date(finishedAt.getTime() + ctx.exports.fileTtlDays * DAY_MS),
      })
      .where(eq(reportExports.id, row.id))
      .returning();
    if (!updated) throw new NotFoundError("Export");
    await ctx.jobs.publish(
      tx,
      "email.export-ready",
      { organizationId: row.organizationId, exportId: row.id },
      { key: `export-ready-${row.id}` },
    );
    return updated;
  });
  ctx.realtime.exportUpdate(row.requesterId, "export:ready", {
    id: row.id,
    rowCount: counted.rows,
    byteSize: counted.bytes,
    downloadUrl: downloadUrl(ctx.exports, ready) ?? "",
  });
  return { rowCount: counted.rows, byteSize: counted.bytes };
}

/** The job's timeout (`JobTimeoutError`, also the reason its signal aborts with). */
const isTimeout = (error: unknown) => (error as { name?: unknown } | null)?.name === "JobTimeoutError";

/** What the requester is told; the cause itself goes to the logs and the job's failure. */
const publicError = (error: unknown) =>
  isTimeout(error) ? "The export took too long and was stopped" : "The export failed";

async function markFailedAttempt(
  ctx: ExportContext,
  row: ReportExport,
  error: unknown,
  lastAttempt: boolean,
) {
  ctx.log.warn({ err: error, exportId: row.id, lastAttempt }, "export attempt failed");
  const byId = eq(reportExports.id, row.id);
  if (!lastAttempt) {
    await ctx.db.update(reportExports).set({ status: "queued", progress: 0 }).where(byId);
    return;
  }
  const message = publicError(error);
  await ctx.db
    .update(reportExports)
    .set({ status: "failed", error: message, finishedAt: new Date() })
    .where(byId);
  ctx.realtime.exportUpdate(row.requesterId, "export:failed", { id: row.id, error: message });
}
