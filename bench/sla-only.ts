/**
 * `bun bench/sla-only.ts [lateness counts…] [--scan open lost]`: the SLA figures alone
 * (`bun run bench` runs everything). Default: lateness for 1,000 and 10,000 deadlines in one
 * second, and a scan over 1,000,000 open tickets with 1,000 lost timers. Uses its own database
 * (helpdesk_bench_sla, dropped after), since the scan's million tickets would weigh on the others.
 */
import { dropDatabase, migrateDatabase } from "@helpdesk/db/migrate";
import { rawTimerLateness } from "./raw-timers.ts";
import { breachLateness, scanDuration } from "./sla.ts";

const databaseUrl =
  process.env.BENCH_SLA_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_sla";
const args = process.argv.slice(2);
const scanAt = args.indexOf("--scan");
const counts = (scanAt >= 0 ? args.slice(0, scanAt) : args).map(Number);
const [open = 1_000_000, lost = 1_000] = scanAt >= 0 ? args.slice(scanAt + 1).map(Number) : [];
await migrateDatabase(databaseUrl);
try {
  for (const count of counts.length ? counts : [1_000, 10_000]) {
    const run = await breachLateness(databaseUrl, count);
    const raw = await rawTimerLateness(count);
    console.log(
      `${run.count} deadlines in one second: breach recorded p50 ${run.recordP50} ms, p99 ${run.recordP99} ms; ` +
        `sla:breached at the socket p50 ${run.socketP50} ms, p99 ${run.socketP99} ms (${run.records} records)\n` +
        `  CPU per breach: ${Object.entries(run.cpu)
          .map(([role, us]) => `${role} ${us} µs`)
          .join(", ")}\n` +
        `  raw BullMQ, ${raw.count} no-op delayed jobs: p50 ${raw.p50} ms, p99 ${raw.p99} ms; CPU per job: worker ${raw.cpu.worker} µs, valkey ${raw.cpu.valkey} µs`,
    );
  }
  const scan = await scanDuration(databaseUrl, open, lost);
  console.log(
    `scan over ${scan.open.toLocaleString("en-US")} open tickets, ${scan.lost} lost timers: ${scan.seconds.toFixed(1)} s, ` +
      `${scan.breached} breaches recorded, RSS ${scan.startRssMb} → peak ${scan.peakRssMb} MB (generating took ${scan.generateSeconds.toFixed(0)} s)`,
  );
  console.log(`plan of one batch:\n${scan.plan}`);
} finally {
  await dropDatabase(databaseUrl);
}
process.exit(0);
