/**
 * `bun bench/processing-only.ts [rounds]`: just the job-processing ratio (subsystem against raw
 * BullMQ, no-op jobs at concurrency 1, 10 and 50), in rounds that mirror the variants (A B B A,
 * then B A A B); prints each round's ratio and the median. `bun run bench` runs everything.
 */
import { migrateDatabase } from "@helpdesk/db/migrate";
import { processingRate } from "./measure.ts";
import { rawIovalkey, subsystem, type Variant } from "./variants.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench";
await migrateDatabase(databaseUrl);
const rounds = Number(process.argv[2] ?? 3);
const prefix = (label: string) => `bench-${label}-${crypto.randomUUID().slice(0, 6)}`;
const variants: (() => Variant)[] = [
  () => subsystem(prefix("sub"), databaseUrl),
  () => rawIovalkey(prefix("raw")),
];
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

for (const concurrency of [1, 10, 50]) {
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const samples: [number[], number[]] = [[], []];
    for (const i of round % 2 === 0 ? [0, 1, 1, 0] : [1, 0, 0, 1]) {
      const variant = (variants[i] as () => Variant)();
      samples[i as 0 | 1].push(
        await processingRate(variant, concurrency, concurrency === 1 ? 8_000 : 24_000),
      );
      await variant.close();
    }
    ratios.push(mean(samples[0]) / mean(samples[1]));
  }
  ratios.sort((a, b) => a - b);
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
  console.log(
    `c=${concurrency}: rounds ${ratios.map(percent).join(", ")}; median ${percent(ratios[Math.floor(ratios.length / 2)] ?? 0)}`,
  );
}
process.exit(0);
