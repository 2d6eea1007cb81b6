import type { AddressInfo } from "node:net";
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { closeValkey, createFailFastConnection } from "@helpdesk/valkey/connection";
import { createApp } from "./app.ts";
import { connectActiveUserCache } from "./auth/active-user-cache.ts";
import { createJobRuntime, startJobProcessing } from "./boot/jobs.ts";
import { guardProcess } from "./boot/process-guards.ts";
import { onShutdownSignal } from "./boot/shutdown.ts";
import { keepConnectionsAlive } from "./http/keep-alive.ts";
import { logger } from "./logging/logger.ts";
import { createRealtimeEmitter } from "./realtime/emitter.ts";
import { attachRealtime } from "./realtime/socket-server.ts";

/** HTTP API; also runs the workers in this process unless WORKERS=off (then run worker.ts). */
guardProcess(logger);
const config = env();
const database = createDatabase(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
const valkey = createFailFastConnection(config.VALKEY_URL, {
  name: "helpdesk:api",
  onError: (error) => logger.warn({ err: error }, "valkey connection error"),
});
const jobs = createJobRuntime(config, database.db, logger);
jobs.relay.start();
const pool = config.WORKERS === "on" ? startJobProcessing(jobs, config) : undefined;

const realtimeEmitter = createRealtimeEmitter(config.VALKEY_URL, config.QUEUE_PREFIX);
const users = connectActiveUserCache({
  db: database.db,
  valkeyUrl: config.VALKEY_URL,
  keyPrefix: config.QUEUE_PREFIX,
  log: logger,
});
const app = createApp({
  env: config,
  db: database.db,
  valkey,
  jobs,
  realtime: realtimeEmitter,
  users,
  logger,
});
const server = app.listen(config.PORT, () => {
  const { port } = server.address() as AddressInfo; // PORT=0 picks a free port (tests)
  logger.info({ port, url: config.PUBLIC_URL, workers: config.WORKERS }, "API listening");
});
keepConnectionsAlive(server, config.HTTP_KEEP_ALIVE_TIMEOUT_MS);
const realtime = attachRealtime(server, {
  db: database.db,
  jwtSecret: config.JWT_SECRET,
  valkeyUrl: config.VALKEY_URL,
  keyPrefix: config.QUEUE_PREFIX,
  log: logger,
});

onShutdownSignal(logger, async () => {
  await realtime.close(); // also closes the HTTP server
  await new Promise((resolve) => server.close(resolve));
  await pool?.close(config.SHUTDOWN_TIMEOUT_MS);
  await jobs.close();
  await realtimeEmitter.close();
  users.close();
  await Promise.allSettled([database.close(), closeValkey(valkey)]);
});
