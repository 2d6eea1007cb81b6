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

export const logger = pino({ level: env().LOG_LEVEL, redact: { paths: redact, censor: "[redacted]" } });
export type Logger = pino.Logger;
