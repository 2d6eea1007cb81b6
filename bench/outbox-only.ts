/**
 * `bun bench/outbox-only.ts [events]`: just the outbox figures, an event per autocommitted statement
 * (every ticket write) and an event per transaction (bench/outbox.ts; the full run is `bun run bench`).
 */
import { migrateDatabase } from "@helpdesk/db/migrate";
import { outboxThroughput } from "./outbox.ts";
import { subsystem } from "./variants.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";
await migrateDatabase(databaseUrl);
const prefix = `bench-outbox-${crypto.randomUUID().slice(0, 6)}`;
for (const write of ["statement", "transaction"] as const) {
  const variant = subsystem(prefix, databaseUrl);
  const result = await outboxThroughput(variant, {
    events: Number(process.argv[2] ?? 20_000),
    writers: 32,
    prefix,
    databaseUrl,
    write,
  });
  await variant.close();
  console.log(
    `outbox (${write} per event): ${Math.round(result.commitsPerSecond)} writes/s, ${Math.round(result.endToEndPerSecond)} events/s end to end`,
  );
}
process.exit(0);
