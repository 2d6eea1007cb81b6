/**
 * `bun bench/realtime-only.ts [seconds] [rates…]`: just the event → socket latency figures
 * (`bun run bench` runs everything). Default: 200 events/s for 30 s.
 */
import { migrateDatabase } from "@helpdesk/db/migrate";
import { realtimeLatency } from "./realtime.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";
await migrateDatabase(databaseUrl);
const [seconds = 30, ...rates] = process.argv.slice(2).map(Number);
const runs = await realtimeLatency(
  databaseUrl,
  (rates.length ? rates : [200]).map((rate) => ({ rate, seconds })),
);
console.table(runs);
process.exit(0);
