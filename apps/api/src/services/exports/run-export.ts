import { reportExports } from "@helpdesk/db/schema";
import { streamRows } from "@helpdesk/db/stream-rows";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq } from "drizzle-orm";
import { csvRecord } from "../../lib/csv.ts";
import { NotFoundError } from "../../lib/errors.ts";
import {
  type ExportAttempt,
  type ExportContext,
  expiryFrom,
  ofAttempt,
  settleFailedAttempt,
  startAttempt,
} from "./export-attempt.ts";
import { exportKey } from "./export-files.ts";
import { exportSources } from "./export-sources.ts";
import { downloadUrl } from "./export-view.ts";
import { ProgressReporter } from "./progress-reporter.ts";

export interface ExportRun {
  /**
   * Which start of the job this is (BullMQ `attemptsStarted`, which also counts the restart of a
   * stalled job): it names the attempt's file.
   */
  attempt: number;
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

/**
 * Writes one export's CSV file: rows stream from a cursor through the encoder into storage, so
 * memory holds a batch or two whatever the export's size. Progress goes to the row, the job and the
 * requester's sockets; a run that fails for good marks the export failed (an earlier attempt puts
 * it back to queued for the retry). An attempt that a newer one has replaced changes nothing but
 * its own file (export-attempt.ts).
 */
export async function runExport(
  ctx: ExportContext,
  target: { organizationId: string; exportId: string },
  run: ExportRun,
) {
  const [row] = await ctx.db
    .select()
    .from(reportExports)
    .where(
      and(eq(reportExports.id, target.exportId), eq(reportExports.organizationId, target.organizationId)),
    );
  if (!row) throw new NotFoundError("Export");
  // A redelivered job of a finished export has nothing left to do.
  if (row.status !== "queued" && row.status !== "running") return { skipped: `export is ${row.status}` };
  const attempt = await startAttempt(ctx, row, exportKey(row.organizationId, row.id, run.attempt));
  if (!attempt) return { skipped: "export is no longer queued" };

  // At the timeout the queue fails the attempt at once, even if this handler is stuck in a call
  // that takes no signal: settle the row then, not only if and when the handler wakes up.
  const settleOnAbort = () => {
    settleFailedAttempt(ctx, attempt, run.signal.reason, run.lastAttempt).catch((error) =>
      ctx.log.error({ err: error, exportId: row.id }, "timed-out export attempt not settled"),
    );
  };
  run.signal.addEventListener("abort", settleOnAbort, { once: true });
  const deleteOwnFile = () =>
    ctx.exports.storage
      .delete(attempt.key)
      .catch((error) => ctx.log.warn({ err: error, exportId: row.id }, "export attempt's file not deleted"));
  try {
    run.signal.throwIfAborted();
    const counted = await writeFile(ctx, attempt, run);
    if (await markReady(ctx, attempt, counted)) return { rowCount: counted.rows, byteSize: counted.bytes };
    // Settled at its timeout, or replaced by a newer attempt, before it finished: the file is no one's.
    await deleteOwnFile();
    return { skipped: "the export is no longer this attempt's" };
  } catch (error) {
    ctx.log.warn({ err: error, exportId: row.id, lastAttempt: run.lastAttempt }, "export attempt failed");
    await settleFailedAttempt(ctx, attempt, error, run.lastAttempt);
    await deleteOwnFile();
    throw error;
  } finally {
    run.signal.removeEventListener("abort", settleOnAbort);
  }
}

async function writeFile(ctx: ExportContext, attempt: ExportAttempt, run: ExportRun) {
  const { row } = attempt;
  const total = await exportSources[row.type].count(ctx.db, row.organizationId, row.params);
  const progress = new ProgressReporter(total, async (update) => {
    const mine = await ctx.db
      .update(reportExports)
      .set({ progress: update.progress })
      .where(ofAttempt(attempt))
      .returning({ id: reportExports.id });
    // A replaced attempt's progress would move the newer one's bar back and forth.
    if (mine.length === 0) return;
    ctx.realtime.exportUpdate(row.requesterId, "export:progress", { id: row.id, ...update });
    await run.reportProgress({ rowsDone: update.rowsDone, total: update.total });
  });
  await progress.start();
  const counted = { rows: 0, bytes: 0 };
  await ctx.exports.storage.put(attempt.key, encodeRows(ctx, attempt, run.signal, counted, progress), {
    contentType: "text/csv; charset=utf-8",
  });
  await progress.finish(counted.rows);
  return counted;
}

async function* encodeRows(
  ctx: ExportContext,
  { row }: ExportAttempt,
  signal: AbortSignal,
  counted: { rows: number; bytes: number },
  progress: ProgressReporter,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const source = exportSources[row.type];
  const header = encoder.encode(csvRecord(source.header));
  counted.bytes += header.byteLength;
  yield header;
  const query = source.select(ctx.db, row.organizationId, row.params);
  let collectAt = COLLECT_EVERY_BYTES;
  for await (const batch of streamRows(ctx.db, query, BATCH_ROWS)) {
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

/** Marks the export ready and queues its e-mail, if the row is still this attempt's; else false. */
async function markReady(
  ctx: ExportContext,
  attempt: ExportAttempt,
  counted: { rows: number; bytes: number },
) {
  const { row } = attempt;
  const finishedAt = new Date();
  const ready = await withTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(reportExports)
      .set({
        status: "ready",
        progress: 100,
        rowCount: counted.rows,
        byteSize: counted.bytes,
        finishedAt,
        expiresAt: expiryFrom(ctx.exports, finishedAt),
      })
      .where(ofAttempt(attempt))
      .returning();
    if (!updated) return undefined;
    await ctx.jobs.publish(
      tx,
      "email.export-ready",
      { organizationId: row.organizationId, exportId: row.id },
      { key: `export-ready-${row.id}` },
    );
    return updated;
  });
  if (!ready) return false;
  ctx.realtime.exportUpdate(row.requesterId, "export:ready", {
    id: row.id,
    rowCount: counted.rows,
    byteSize: counted.bytes,
    downloadUrl: downloadUrl(ctx.exports, ready) ?? "",
  });
  return true;
}
