import type { NextFunction, Request, Response } from "express";
import { AppError } from "../lib/errors.ts";

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Errors raised by express.json() before a route runs, mapped to the same JSON shape as ours. */
const bodyParserErrors: Record<string, { status: number; code: string; message: string }> = {
  "entity.too.large": { status: 413, code: "payload_too_large", message: "Request body exceeds 1 MB" },
  "entity.parse.failed": { status: 400, code: "invalid_json", message: "Request body is not valid JSON" },
  "encoding.unsupported": { status: 415, code: "unsupported_encoding", message: "Unsupported body encoding" },
  "charset.unsupported": { status: 415, code: "unsupported_charset", message: "Unsupported body charset" },
};

export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const requestId = String(req.id);
  if (error instanceof AppError) {
    if (error.status >= 500) req.log.error({ err: error }, error.message);
    res.status(error.status).json({
      error: { code: error.code, message: error.message, details: error.details, requestId },
    });
    return;
  }
  const known = bodyParserErrors[(error as BodyParserError)?.type ?? ""];
  if (known) {
    res.status(known.status).json({ error: { code: known.code, message: known.message, requestId } });
    return;
  }
  if (isUnavailable(error)) {
    req.log.error({ err: error }, "a backing service is unreachable");
    res.set("Retry-After", "5");
    res.status(503).json({
      error: { code: "service_unavailable", message: "Temporarily unavailable; retry shortly", requestId },
    });
    return;
  }
  // A bug or an outage: log everything, tell the client nothing it could use against us.
  req.log.error({ err: error }, "unhandled error");
  res.status(500).json({ error: { code: "internal_error", message: "Internal server error", requestId } });
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({
    error: {
      code: "route_not_found",
      message: `No route for ${req.method} ${req.path}`,
      requestId: String(req.id),
    },
  });
}

/** Connection-level failures (refused, reset, server shutting down) of either PostgreSQL driver. */
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ERR_POSTGRES_CONNECTION_CLOSED",
  "ERR_POSTGRES_CONNECTION_REFUSED",
  "ERR_POSTGRES_CONNECTION_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "08000",
  "08001",
  "08003",
  "08006",
]);

function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, errno } = current as { code?: unknown; errno?: unknown };
    if (UNAVAILABLE.has(String(code)) || UNAVAILABLE.has(String(errno))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
