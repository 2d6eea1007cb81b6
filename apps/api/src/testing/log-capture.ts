import pino from "pino";
import type { Logger } from "../logging/logger.ts";

/** A logger that keeps its lines in memory, so a test can see what a server logged and at which level. */
export function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
