import type { Logger } from "../logging/logger.ts";

/**
 * Signals that arrive this soon after the first are the same stop delivered twice: `bun run`
 * forwards a signal its process group already got (Ctrl-C in a terminal, a systemd or container
 * stop), so the server sees one from the group and one from `bun run`.
 */
const SAME_STOP_MS = 2_000;

/**
 * On SIGTERM/SIGINT: run `stop` once (stop taking work, let active work finish, close connections)
 * and exit 0. A signal later in the stop exits at once with 1, for an impatient operator.
 */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_STOP_MS) {
        log.info({ signal }, "signal during shutdown taken as the same stop");
        return;
      }
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stoppingSince = Date.now();
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
