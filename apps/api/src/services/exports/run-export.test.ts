import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { reportExports } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq } from "drizzle-orm";
import { createExportSettings } from "../../boot/exports.ts";
import { DAY_MS } from "../../lib/durations.ts";
import { exportDir, seedTickets } from "../../testing/exports.ts";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import type { ExportContext } from "./export-attempt.ts";
import { type ExportRun, runExport } from "./run-export.ts";

let server: TestServer;
let dir: string;
let ctx: ExportContext;
let org: TestOrg;

beforeAll(async () => {
  dir = await exportDir();
  server = await startTestServer({ EXPORT_DIR: dir });
  ctx = { ...server.context(), db: server.db, exports: createExportSettings(server.config) };
  org = await createTestOrg(server.db, "Export attempts");
  // More than one cursor batch, so an aborted attempt is stopped between batches.
  await seedTickets(server.db, org, 2_500);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** The reason the job runtime aborts an attempt with at its timeout (packages/jobs/src/timeout.ts). */
class JobTimeoutError extends Error {
  override name = "JobTimeoutError";
}

async function queuedExport() {
  const [row] = await server.db
    .insert(reportExports)
    .values({
      organizationId: org.id,
      requesterId: org.agent.id,
      type: "tickets",
      params: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", filters: {} },
    })
    .returning();
  if (!row) throw new Error("no export row");
  return row;
}

const rowOf = async (id: string) => {
  const [row] = await server.db.select().from(reportExports).where(eq(reportExports.id, id));
  if (!row) throw new Error(`no export ${id}`);
  return row;
};

/**
 * An attempt that stops at its first progress report until `release()`: it has marked the export
 * running as its own (`started` resolves then), and has not written anything yet.
 */
function heldAttempt(exportId: string, attempt: number, options: { lastAttempt?: boolean } = {}) {
  const controller = new AbortController();
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const reachedHold = new Promise<void>((resolve) => {
    started = resolve;
  });
  let held = false;
  const run: ExportRun = {
    attempt,
    signal: controller.signal,
    lastAttempt: options.lastAttempt ?? true,
    async reportProgress() {
      if (held) return;
      held = true;
      started();
      await released;
    },
  };
  const result = runExport(ctx, { organizationId: org.id, exportId }, run);
  result.catch(() => {});
  return {
    result,
    started: reachedHold,
    release,
    timeOut: () => controller.abort(new JobTimeoutError("Job timed out")),
  };
}

const freeRun = (attempt: number): ExportRun => ({
  attempt,
  signal: new AbortController().signal,
  lastAttempt: true,
  reportProgress: async () => {},
});

/** The files of one export in the local directory (finished or partial). */
const filesOf = async (exportId: string) =>
  (await readdir(join(dir, org.id)).catch(() => [] as string[])).filter((name) => name.startsWith(exportId));

describe("an attempt no longer the export's own", () => {
  test("finishing late changes nothing, and leaves the newer attempt's file alone", async () => {
    const { id } = await queuedExport();
    const late = heldAttempt(id, 1);
    await late.started;
    const lateKey = (await rowOf(id)).storageKey;

    expect(await runExport(ctx, { organizationId: org.id, exportId: id }, freeRun(2))).toMatchObject({
      rowCount: 2_500,
    });
    const ready = await rowOf(id);
    expect(ready.status).toBe("ready");
    expect(ready.storageKey).not.toBe(lateKey);

    late.release();
    expect(await late.result).toEqual({ skipped: "the export is no longer this attempt's" });
    expect(await rowOf(id)).toEqual(ready);
    expect(await ctx.exports.storage.openRead(ready.storageKey ?? "")).toBeDefined();
    expect(await ctx.exports.storage.openRead(lateKey ?? "")).toBeUndefined();
    expect(await filesOf(id)).toEqual([basename(ready.storageKey ?? "")]);
  });

  test("timing out late neither fails the export nor deletes the newer attempt's file", async () => {
    const { id } = await queuedExport();
    const late = heldAttempt(id, 1, { lastAttempt: true });
    await late.started;
    const newer = heldAttempt(id, 2);
    await newer.started;
    const running = await rowOf(id);

    late.timeOut();
    late.release();
    await expect(late.result).rejects.toThrow("Job timed out");
    expect(await rowOf(id)).toEqual(running);

    newer.release();
    expect(await newer.result).toMatchObject({ rowCount: 2_500 });
    const ready = await rowOf(id);
    expect(ready).toMatchObject({ status: "ready", storageKey: running.storageKey, error: null });
    expect(await filesOf(id)).toEqual([basename(ready.storageKey ?? "")]);
  });
});

describe("an attempt that times out", () => {
  test("the last one fails the export at once, with an expiry, even while its handler is stuck", async () => {
    const { id } = await queuedExport();
    const attempt = heldAttempt(id, 1, { lastAttempt: true });
    await attempt.started;

    attempt.timeOut();
    // Settled by the timeout itself: the handler is still held.
    const failed = await waitFor("the export failed", async () => {
      const row = await rowOf(id);
      return row.status === "failed" && row;
    });
    expect(failed.error).toBe("The export took too long and was stopped");
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(failed.expiresAt?.getTime()).toBe(
      (failed.finishedAt?.getTime() ?? 0) + server.config.EXPORT_TTL_DAYS * DAY_MS,
    );

    // When it wakes up, it stops at its next batch and leaves no file, partial or whole.
    attempt.release();
    await expect(attempt.result).rejects.toThrow("Job timed out");
    expect(await rowOf(id)).toEqual(failed);
    expect(await filesOf(id)).toEqual([]);
  });

  test("an earlier one puts the export back to queued for the retry", async () => {
    const { id } = await queuedExport();
    const attempt = heldAttempt(id, 1, { lastAttempt: false });
    await attempt.started;
    attempt.timeOut();
    attempt.release();
    await expect(attempt.result).rejects.toThrow("Job timed out");
    expect(await rowOf(id)).toMatchObject({ status: "queued", progress: 0, expiresAt: null });
    expect(await filesOf(id)).toEqual([]);

    expect(await runExport(ctx, { organizationId: org.id, exportId: id }, freeRun(2))).toMatchObject({
      rowCount: 2_500,
    });
    expect((await rowOf(id)).status).toBe("ready");
  });
});
