/**
 * The worker side of the outbox benchmark, in its own process as in production (API processes
 * write and relay; worker processes work): `bun bench/outbox-worker.ts <prefix> <databaseUrl> <jobs>`
 * prints "ready", then the epoch ms at which the last of <jobs> completed.
 */
import { subsystem } from "./variants.ts";

const [prefix = "", databaseUrl = "", jobs = "0"] = process.argv.slice(2);
const variant = subsystem(prefix, databaseUrl);
let completed = 0;
const worker = await variant.startWorker(50, () => {
  completed += 1;
  if (completed === Number(jobs)) {
    console.log(`done ${Date.now()}`);
    void worker.close().then(() => process.exit(0));
  }
});
console.log("ready");
