/**
 * `bun bench/exports-only.ts [rows]`: the export figures alone (`bun run bench` runs everything).
 * Default 1,000,000 tickets, in a database of its own (helpdesk_bench_exports, dropped after).
 */
import { dropDatabase, migrateDatabase } from "@helpdesk/db/migrate";
import { exportThroughput } from "./exports.ts";

const databaseUrl =
  process.env.BENCH_EXPORTS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_exports";
const rows = Number(process.argv[2] ?? 1_000_000);
await migrateDatabase(databaseUrl);
try {
  const { raw, product } = await exportThroughput(databaseUrl, rows);
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(
    "| export of tickets | rows | seconds | rows/s | RSS start → peak MB |\n|---|---:|---:|---:|---|",
  );
  for (const [name, run] of [
    ["raw floor (cursor → file, no CSV, no job)", raw],
    [`helpdesk (reports.export in a worker process, ${product.fileMb} MB file)`, product],
  ] as const) {
    console.log(
      `| ${name} | ${fmt(run.rows)} | ${run.seconds.toFixed(1)} | ${fmt(run.rowsPerSecond)} | ${run.startMb} → ${run.peakMb} |`,
    );
  }
  console.log(
    `helpdesk at ${((product.rowsPerSecond / raw.rowsPerSecond) * 100).toFixed(0)}% of the floor (target ≥ 50,000 rows/s, flat memory)`,
  );
} finally {
  await dropDatabase(databaseUrl);
}
process.exit(0);
