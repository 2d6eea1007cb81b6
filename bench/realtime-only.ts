/**
 * `bun bench/realtime-only.ts [--single] [--raw] [seconds] [rates…]`: just the event → socket
 * latency figures (`bun run bench` runs everything). Default: 200 events/s for 30 s, with an API
 * process and a worker process; `--single` runs one process doing both; `--raw` runs the raw floor
 * (bench/raw-realtime.ts) instead of the product (bench/realtime.ts).
 */
import { migrateDatabase } from "@helpdesk/db/migrate";
import { realtimeLatency } from "./realtime.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";
await migrateDatabase(databaseUrl);
const args = process.argv.slice(2);
const shape = args.includes("--single") ? "single" : "split";
const target = args.includes("--raw") ? "raw" : "helpdesk";
const [seconds = 30, ...rates] = args.filter((arg) => !arg.startsWith("--")).map(Number);
const runs = await realtimeLatency(
  databaseUrl,
  (rates.length ? rates : [200]).map((rate) => ({ rate, seconds })),
  { shape, target },
);
console.table(runs);
process.exit(0);
