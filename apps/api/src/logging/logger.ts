import { env } from "@helpdesk/config/env";
import pino from "pino";
import { redactSecrets } from "./log-redaction.ts";

/**
 * JSON logs to stdout (or `destination`), buffered in 4 KiB chunks and flushed at least every
 * 250 ms and at exit: a worker logs a few lines per job, and a write syscall per line cuts job
 * throughput (bench/RESULTS.md). A SIGKILL can lose the last quarter second of lines.
 */
export function createLogger(level: string, destination: string | number = 1) {
  const stream = pino.destination({ dest: destination, sync: false, minLength: 4096 });
  const flusher = setInterval(() => stream.flush(), 250);
  flusher.unref();
  process.once("exit", () => {
    try {
      stream.flushSync();
    } catch {} // not open yet: nothing was written
  });
  return pino(
    {
      level,
      // On each line's own object, before serializers (log-redaction.ts). pino does not pass a
      // child's bindings through formatters: they hold ids (request, job, queue), never secrets.
      formatters: { log: redactSecrets },
    },
    stream,
  );
}

export const logger = createLogger(env().LOG_LEVEL);
export type Logger = pino.Logger;
