import type { Logger } from "../logging/logger.ts";

/**
 * On SIGTERM/SIGINT: run `stop` once (stop taking work, let active work finish, close connections)
 * and exit 0. A second signal while stopping exits at once with 1, for an impatient operator.
 */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    stop().then(
      () => {
        log.info("shutdown complete");
        process.exit(0);
      },
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
