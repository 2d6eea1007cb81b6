import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { createValkeyConnection } from "@helpdesk/jobs/connection";
import { createApp } from "./app.ts";
import { logger } from "./logger.ts";

const config = env();
const database = createDatabase(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
const valkey = createValkeyConnection(config.VALKEY_URL, {
  name: "helpdesk:api",
  onError: (error) => logger.warn({ err: error }, "valkey connection error"),
});

const app = createApp({ env: config, db: database.db, valkey, logger });
const server = app.listen(config.PORT, () => {
  logger.info({ port: config.PORT, url: config.PUBLIC_URL }, "API listening");
});

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close();
  await Promise.allSettled([database.close(), valkey.quit()]);
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
