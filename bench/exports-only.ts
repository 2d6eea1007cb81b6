/**
 * `bun bench/exports-only.ts [rows]`: the export figures alone (`bun run bench` runs everything).
 * Default 1,000,000 tickets, in a database of its own (helpdesk_bench_exports, dropped after).
 */
import { dropDatabase, migrateDatabase } from "@helpdesk/db/migrate";
import { exportTable, exportThroughput } from "./exports.ts";

const databaseUrl =
  process.env.BENCH_EXPORTS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_exports";
const rows = Number(process.argv[2] ?? 1_000_000);
await migrateDatabase(databaseUrl);
try {
  console.log(exportTable(await exportThroughput(databaseUrl, rows)));
} finally {
  await dropDatabase(databaseUrl);
}
process.exit(0);
