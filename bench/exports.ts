/**
 * Export benchmark (issue 22): `rows` tickets of one organization exported to the local directory
 * by the product (the `reports.export` job in a worker process: cursor, CSV encoding, progress,
 * file) against a raw floor in the same run (a plain postgres.js cursor over the same query, rows
 * joined with commas into a file: no CSV quoting, no job). Rows/s from request to ready, and the
 * peak RSS of the process doing the work (the worker's read from /proc, the floor's own).
 */
import { createWriteStream, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createDatabase } from "@helpdesk/db/client";
import { organizations, reportExports, users } from "@helpdesk/db/schema";
import { streamRows } from "@helpdesk/db/stream-rows";
import { jobCatalog } from "@helpdesk/jobs/catalog";
import { queueConfigs } from "@helpdesk/jobs/queues";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { eq, sql } from "drizzle-orm";
import { createLogger } from "../apps/api/src/logging/logger.ts";
import { exportSources } from "../apps/api/src/services/exports/export-sources.ts";
import { startAppProcess } from "../apps/api/src/testing/processes.ts";
import { VALKEY_URL } from "./variants.ts";

type Db = ReturnType<typeof createDatabase>["db"];
const MB = 2 ** 20;
const params = { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z", filters: {} };

/** An organization with `rows` tickets (set-based), half of them assigned. */
export async function createExportFixture(db: Db, rows: number) {
  const slug = `bench-exports-${crypto.randomUUID().slice(0, 8)}`;
  const [org] = await db.insert(organizations).values({ name: "Bench exports", slug }).returning();
  if (!org) throw new Error("no organization");
  const [agent, customer] = await db
    .insert(users)
    .values(
      (["agent", "customer"] as const).map((role) => ({
        organizationId: org.id,
        role,
        name: `Bench ${role}`,
        email: `${role}@${slug}.test`,
        passwordHash: "unused",
      })),
    )
    .returning();
  if (!agent || !customer) throw new Error("no users");
  await db.execute(sql`
    insert into tickets (organization_id, id, number, subject, status, priority, customer_id, assignee_id,
                         created_at, updated_at)
    select ${org.id}::uuid, gen_random_uuid(), i, 'Printer ' || i || ' on fire, again', 'open', 'normal',
           ${customer.id}::uuid, case when i % 2 = 0 then ${agent.id}::uuid end,
           '2026-03-01T00:00:00Z'::timestamptz + i * interval '1 second', now()
    from generate_series(1, ${rows}) as i`);
  await db.execute(sql`vacuum analyze tickets`);
  return { org, agent };
}

/** Samples a process's RSS (from /proc) until stopped; answers the peak in MB. */
function rssSampler(pid: number) {
  const read = () => {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  };
  const start = read();
  let peak = start;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read());
    } catch {}
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      return { startMb: Math.round(start / MB), peakMb: Math.round(peak / MB) };
    },
  };
}

/** The floor: the same query through a cursor into a file, rows joined with commas. */
export async function rawExport(db: Db, organizationId: string, dir: string) {
  const sampler = rssSampler(process.pid);
  const started = performance.now();
  let rows = 0;
  const query = exportSources.tickets.select(db, organizationId, params);
  async function* lines() {
    for await (const batch of streamRows(db, query, 1_000)) {
      rows += batch.length;
      yield batch.map((values) => values.join(",")).join("\n");
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(join(dir, "raw.csv")));
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerSecond: rows / seconds, ...sampler.stop() };
}

/** The product: a worker process runs the export job; timed from the request to the ready row. */
export async function productExport(
  db: Db,
  databaseUrl: string,
  fixture: Awaited<ReturnType<typeof createExportFixture>>,
  dir: string,
) {
  const prefix = `bench-exports-${crypto.randomUUID().slice(0, 6)}`;
  const worker = startAppProcess(
    "worker.ts",
    { DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, EXPORT_DIR: dir, LOG_LEVEL: "warn" },
    { readLogs: false },
  );
  const jobs = new JobRuntime({
    catalog: jobCatalog,
    queues: queueConfigs,
    prefix,
    valkeyUrl: VALKEY_URL,
    db,
    log: createLogger("warn"),
  });
  try {
    const reports = jobs.queue("reports");
    const deadline = Date.now() + 30_000;
    while ((await reports.getWorkers()).length === 0) {
      if (Date.now() > deadline) throw new Error("the worker process did not start");
      await Bun.sleep(50);
    }
    const sampler = rssSampler(worker.process.pid);
    const started = performance.now();
    const [row] = await db
      .insert(reportExports)
      .values({ organizationId: fixture.org.id, requesterId: fixture.agent.id, type: "tickets", params })
      .returning();
    if (!row) throw new Error("no export row");
    await jobs.enqueue("reports.export", { organizationId: fixture.org.id, exportId: row.id });
    for (;;) {
      const [current] = await db.select().from(reportExports).where(eq(reportExports.id, row.id));
      if (current?.status === "ready") {
        const seconds = (performance.now() - started) / 1000;
        const rows = current.rowCount ?? 0;
        return {
          rows,
          seconds,
          rowsPerSecond: rows / seconds,
          fileMb: Math.round((current.byteSize ?? 0) / MB),
          ...sampler.stop(),
        };
      }
      if (current?.status === "failed") throw new Error(`the export failed: ${current.error}`);
      await Bun.sleep(100);
    }
  } finally {
    await worker.stop();
    for (const queue of jobs.allQueues()) await queue.obliterate({ force: true }).catch(() => undefined);
    await jobs.close();
  }
}

/** Both, in one run, on one fixture. */
export async function exportThroughput(databaseUrl: string, rows: number) {
  const database = createDatabase(databaseUrl, { max: 4 });
  const dir = await mkdtemp(join(tmpdir(), "helpdesk-bench-exports-"));
  try {
    const fixture = await createExportFixture(database.db, rows);
    const raw = await rawExport(database.db, fixture.org.id, dir);
    const product = await productExport(database.db, databaseUrl, fixture, dir);
    return { raw, product };
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The results as a Markdown table, with the target: what `bun run bench` and exports-only.ts print. */
export function exportTable({ raw, product }: Awaited<ReturnType<typeof exportThroughput>>): string {
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  const rows = [
    ["raw floor (cursor → file, no CSV, no job)", raw],
    [`helpdesk (reports.export in a worker process, ${product.fileMb} MB file)`, product],
  ] as const;
  return [
    "| export of tickets | rows | seconds | rows/s | RSS start → peak MB |",
    "|---|---:|---:|---:|---|",
    ...rows.map(
      ([name, run]) =>
        `| ${name} | ${fmt(run.rows)} | ${run.seconds.toFixed(1)} | ${fmt(run.rowsPerSecond)} | ${run.startMb} → ${run.peakMb} |`,
    ),
    `helpdesk at ${((product.rowsPerSecond / raw.rowsPerSecond) * 100).toFixed(0)}% of the floor (target ≥ 50,000 rows/s, flat memory)`,
  ].join("\n");
}
