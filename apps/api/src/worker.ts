import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { createJobRuntime, startJobProcessing } from "./boot/jobs.ts";
import { guardProcess } from "./boot/process-guards.ts";
import { onShutdownSignal } from "./boot/shutdown.ts";
import { logger } from "./logging/logger.ts";

/** Workers, schedulers and the outbox sweep, without HTTP. Run as many as the load needs. */
guardProcess(logger);
const config = env();
const database = createDatabase(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
const jobs = createJobRuntime(config, database.db, logger.child({ process: "worker" }));
jobs.relay.start();
const pool = startJobProcessing(jobs, config);

onShutdownSignal(logger, async () => {
  await pool.close(config.SHUTDOWN_TIMEOUT_MS);
  await jobs.close();
  await database.close();
});
