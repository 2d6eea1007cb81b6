/**
 * A worker process that samples its own RSS, for the export memory test: it runs the product's
 * workers (with the env it is given), and answers lines on stdin:
 *   baseline  collect garbage and start measuring from here (prints "ok")
 *   report    print {"baselineRss", "peakRss"} in bytes since the baseline
 * The test runner's own memory stays out of the figure.
 */
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { createJobRuntime, startJobProcessing } from "../boot/jobs.ts";
import { logger } from "../logging/logger.ts";

const config = env();
const database = createDatabase(config.DATABASE_URL, { max: 4 });
const jobs = createJobRuntime(config, database.db, logger);
jobs.relay.start();
const pool = startJobProcessing(jobs, config);
await Promise.all(pool.workers.map((worker) => worker.waitUntilReady()));

let baselineRss = process.memoryUsage.rss();
let peakRss = baselineRss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 5);
console.log("ready");

for await (const line of console) {
  if (line === "baseline") {
    Bun.gc(true);
    baselineRss = process.memoryUsage.rss();
    peakRss = baselineRss;
    console.log("ok");
  } else if (line === "report") {
    console.log(JSON.stringify({ baselineRss, peakRss }));
  } else if (line === "exit") {
    await pool.close(2_000);
    await jobs.close();
    await database.close();
    process.exit(0);
  }
}
