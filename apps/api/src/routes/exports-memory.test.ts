import { afterAll, beforeAll, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { reportExports } from "@helpdesk/db/schema";
import { type Subprocess, spawn } from "bun";
import { eq, sql } from "drizzle-orm";
import { exportDir, exportWhenReady, requestExport, seedTickets } from "../testing/exports.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

const ROWS = Number(process.env.EXPORT_ROWS ?? 200_000);
const MB = 2 ** 20;
const script = new URL("../testing/export-memory-worker.ts", import.meta.url).pathname;

let server: TestServer;
let org: TestOrg;
let dir: string;
let worker: Subprocess<"pipe", "pipe", "inherit">;
let lines: AsyncIterator<string>;

/** The worker process's next line of output. */
async function nextLine(): Promise<string> {
  const { value, done } = await lines.next();
  if (done) throw new Error("the worker process exited");
  return value;
}

async function ask(command: string): Promise<string> {
  worker.stdin.write(`${command}\n`);
  await worker.stdin.flush();
  return nextLine();
}

async function* splitLines(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      // The worker's JSON log lines are not answers.
      if (!line.startsWith('{"level"')) yield line;
      newline = buffer.indexOf("\n");
    }
  }
}

beforeAll(async () => {
  dir = await exportDir();
  server = await startTestServer({ EXPORT_DIR: dir });
  server.jobs.relay.start();
  org = await createTestOrg(server.db, "Big exports");
  // Wide rows, so that a file held in memory would show far above the bound.
  await seedTickets(server.db, org, ROWS, { subject: sql`'Subject ' || i || ' ' || repeat('x', 250)` });
  worker = spawn(["bun", script], {
    env: { ...process.env, EXPORT_DIR: dir, LOG_LEVEL: "warn" },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  lines = splitLines(worker.stdout)[Symbol.asyncIterator]();
  expect(await nextLine()).toBe("ready");
}, 120_000);

afterAll(async () => {
  if (worker) {
    worker.stdin.write("exit\n");
    await worker.stdin.flush();
    await worker.exited;
  }
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test(`an export of ${ROWS.toLocaleString("en-US")} rows streams in bounded memory (peak RSS growth < 50 MB)`, async () => {
  // A small export first, so code loaded on first use doesn't count as the big one's memory.
  await exportWhenReady(
    server,
    org.agent,
    await requestExport(server, org.agent, { from: "2026-01-15T00:00:00Z", to: "2026-01-15T00:00:00.100Z" }),
  );
  expect(await ask("baseline")).toBe("ok");
  const id = await requestExport(server, org.agent, {});
  const ready = await exportWhenReady(server, org.agent, id, 90_000);
  const { baselineRss, peakRss } = JSON.parse(await ask("report"));
  const growthMb = (peakRss - baselineRss) / MB;
  const [row] = await server.db.select().from(reportExports).where(eq(reportExports.id, id));
  const file = Bun.file(`${dir}/${row?.storageKey}`);
  console.log(
    `export of ${ready.rowCount} rows, ${(file.size / MB).toFixed(0)} MB: worker RSS ${(baselineRss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (+${growthMb.toFixed(1)} MB)`,
  );
  expect(ready.rowCount).toBe(ROWS);
  expect(file.size).toBeGreaterThan(50 * MB);
  expect(growthMb).toBeLessThan(50);
}, 120_000);
