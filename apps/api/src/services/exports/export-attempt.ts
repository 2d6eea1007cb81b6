import type { Database } from "@helpdesk/db/client";
import { type ReportExport, reportExports } from "@helpdesk/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { DAY_MS } from "../../lib/durations.ts";
import type { ExportSettings } from "../../storage/export-settings.ts";

export interface ExportContext extends SystemContext {
  /** The pool, not a transaction: the rows stream through a cursor of their own (`streamRows`). */
  db: Database;
  exports: ExportSettings;
}

/**
 * One attempt of an export's job. An attempt abandoned at its timeout can wake up later, while the
 * retry runs: so each attempt writes a file of its own (`key`), and every row update it makes after
 * it started is guarded by `ofAttempt`. Once the row names another attempt's file, or this attempt
 * was settled, a late update changes nothing.
 */
export interface ExportAttempt {
  row: ReportExport;
  key: string;
}

/** The export while it is this attempt's (its key) and still `running`. */
export const ofAttempt = (attempt: ExportAttempt) =>
  and(
    eq(reportExports.id, attempt.row.id),
    eq(reportExports.storageKey, attempt.key),
    eq(reportExports.status, "running"),
  );

/** Marks the export running as this attempt's; undefined when it is no longer queued or running. */
export async function startAttempt(
  ctx: ExportContext,
  row: ReportExport,
  key: string,
): Promise<ExportAttempt | undefined> {
  const [started] = await ctx.db
    .update(reportExports)
    .set({ status: "running", storageKey: key, progress: 0, error: null })
    .where(and(eq(reportExports.id, row.id), inArray(reportExports.status, ["queued", "running"])))
    .returning();
  return started && { row: started, key };
}

/** When a finished export's file (or a failed one's row) is due for retention. */
export const expiryFrom = (settings: ExportSettings, finishedAt: Date) =>
  new Date(finishedAt.getTime() + settings.fileTtlDays * DAY_MS);

/** The job's timeout (`JobTimeoutError`, also the reason its signal aborts with). */
const isTimeout = (error: unknown) => (error as { name?: unknown } | null)?.name === "JobTimeoutError";

/** What the requester is told; the cause itself goes to the logs and the job's failure. */
const publicError = (error: unknown) =>
  isTimeout(error) ? "The export took too long and was stopped" : "The export failed";

/**
 * Ends a failed attempt: the export goes back to `queued` for the retry, or, after the last
 * attempt, to `failed` (expiring like a ready one, so retention removes it). True when this call
 * settled it; false when it was settled already or another attempt has taken over.
 */
export async function settleFailedAttempt(
  ctx: ExportContext,
  attempt: ExportAttempt,
  error: unknown,
  lastAttempt: boolean,
): Promise<boolean> {
  const { row } = attempt;
  if (!lastAttempt) {
    const requeued = await ctx.db
      .update(reportExports)
      .set({ status: "queued", progress: 0 })
      .where(ofAttempt(attempt))
      .returning({ id: reportExports.id });
    return requeued.length > 0;
  }
  const message = publicError(error);
  const finishedAt = new Date();
  const failed = await ctx.db
    .update(reportExports)
    .set({ status: "failed", error: message, finishedAt, expiresAt: expiryFrom(ctx.exports, finishedAt) })
    .where(ofAttempt(attempt))
    .returning({ id: reportExports.id });
  if (failed.length === 0) return false;
  ctx.realtime.exportUpdate(row.requesterId, "export:failed", { id: row.id, error: message });
  return true;
}
