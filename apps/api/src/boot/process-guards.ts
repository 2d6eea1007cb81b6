import type { Logger } from "../logging/logger.ts";

/**
 * A library promise nobody awaited (a pub/sub SUBSCRIBE while Valkey is down, say) must not take
 * the whole process down with it: log it loudly and keep serving. Real bugs still show in the logs.
 */
export function guardProcess(log: Logger): void {
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, "unhandled promise rejection");
  });
}
