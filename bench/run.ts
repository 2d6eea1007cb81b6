/**
 * `bun run bench`: the job subsystem against raw BullMQ on the same Valkey/Redis, in one run.
 * Uses its own database (helpdesk_bench) and queue prefixes; prints a table of the figures.
 */
import { migrateDatabase } from "@helpdesk/db/migrate";
import { enqueueRate, processingRate, steadyLatency } from "./measure.ts";
import { outboxThroughput } from "./outbox.ts";
import { rawBun, rawIovalkey, subsystem, type Variant } from "./variants.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";
await migrateDatabase(databaseUrl);
const quick = process.argv.includes("--quick");
const scale = quick ? 0.2 : 1;
const prefix = (label: string) => `bench-${label}-${crypto.randomUUID().slice(0, 6)}`;

const makers: [string, () => Variant][] = [
  ["subsystem", () => subsystem(prefix("sub"), databaseUrl)],
  ["iovalkey", () => rawIovalkey(prefix("raw"))],
  ["bun", () => rawBun(prefix("bun"))],
];

type Row = Record<string, string | number>;
const rows: Row[] = [];
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

for (const [, make] of makers) {
  const variant = make();
  const row: Row = { variant: variant.name };
  row["enqueue/s"] = fmt(await enqueueRate(variant.add, Math.round(10_000 * scale), 50));
  await variant.close();
  for (const concurrency of [1, 10, 50]) {
    const v = make();
    const jobs = Math.round((concurrency === 1 ? 5_000 : 20_000) * scale);
    row[`process/s c=${concurrency}`] = fmt(await processingRate(v, concurrency, jobs));
    await v.close();
  }
  const v = make();
  const latency = await steadyLatency(v, 500, quick ? 3 : 10);
  row["p50 ms @500/s"] = latency.p50;
  row["p99 ms @500/s"] = latency.p99;
  await v.close();
  rows.push(row);
  console.error(`done: ${variant.name}`);
}

const outboxPrefix = prefix("outbox");
const outboxVariant = subsystem(outboxPrefix, databaseUrl);
const outbox = await outboxThroughput(outboxVariant, {
  events: Math.round(20_000 * scale),
  writers: 32,
  prefix: outboxPrefix,
  databaseUrl,
});
await outboxVariant.close();

const columns = Object.keys(rows[0] ?? {});
console.log(`\n| ${columns.join(" | ")} |\n|${columns.map(() => "---").join("|")}|`);
for (const row of rows) console.log(`| ${columns.map((c) => row[c]).join(" | ")} |`);

const [ours, raw] = rows;
console.log("\nSubsystem vs raw BullMQ + iovalkey (same client), processing:");
for (const c of [1, 10, 50]) {
  const key = `process/s c=${c}`;
  const ratio = Number(String(ours?.[key]).replaceAll(",", "")) / Number(String(raw?.[key]).replaceAll(",", ""));
  console.log(`  c=${c}: ${(ratio * 100).toFixed(1)}% of raw (${ratio >= 0.85 ? "within" : "OUTSIDE"} the 15% target)`);
}
console.log(
  `\nOutbox (32 writers, one event per transaction, relay here, worker process c=50): ${fmt(outbox.commitsPerSecond)} commits/s, ` +
    `${fmt(outbox.endToEndPerSecond)} events/s end to end (target ≥ 2,000)`,
);
process.exit(0);
