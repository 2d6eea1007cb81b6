import type { NextFunction, Request, Response } from "express";
import { AppError, RateLimitedError } from "../lib/errors.ts";

/** Errors raised while reading a body (body-parser's `type`), mapped to the same JSON shape as ours. */
const bodyErrors: Record<string, { status: number; code: string; message: string }> = {
  "entity.too.large": { status: 413, code: "payload_too_large", message: "Request body exceeds 1 MB" },
  "entity.parse.failed": { status: 400, code: "invalid_json", message: "Request body is not valid JSON" },
  "entity.verify.failed": { status: 400, code: "invalid_body", message: "Request body could not be read" },
  "encoding.unsupported": { status: 415, code: "unsupported_encoding", message: "Unsupported body encoding" },
  "charset.unsupported": { status: 415, code: "unsupported_charset", message: "Unsupported body charset" },
  "request.aborted": { status: 400, code: "request_aborted", message: "The request body was cut short" },
  "request.size.invalid": {
    status: 400,
    code: "invalid_body",
    message: "Request body length does not match Content-Length",
  },
};

/**
 * The one place an error becomes an HTTP answer: `{ "error": { "code", "message", "details"?,
 * "requestId" } }`. The client's own mistakes are 4xx and logged at info at most; outages are 503
 * with Retry-After; anything else is a bug, logged with its stack, answered 500 without a word a
 * client could use (no stack, no SQL).
 */
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const requestId = String(req.id);
  const send = (status: number, code: string, message: string, details?: unknown) => {
    if (res.headersSent) {
      // Too late for an answer: end the connection rather than leave the client waiting.
      req.socket.destroy();
      return;
    }
    res.status(status).json({ error: { code, message, details, requestId } });
  };
  if (error instanceof AppError) {
    if (error instanceof RateLimitedError) res.set("Retry-After", String(error.retryAfterSeconds));
    if (error.status === 503) res.set("Retry-After", "5");
    if (error.status >= 500) req.log.error({ err: error }, error.message);
    send(error.status, error.code, error.message, error.details);
    return;
  }
  // Express could not decode a path parameter (`/tickets/%zz`): like a malformed id, it names nothing.
  if (error instanceof URIError) {
    send(404, "not_found", "Resource not found");
    return;
  }
  const type = (error as { type?: unknown })?.type;
  const known = typeof type === "string" ? bodyErrors[type] : undefined;
  if (known) {
    if (type === "request.aborted") req.log.info("the client aborted its request");
    send(known.status, known.code, known.message);
    return;
  }
  // A body that can't be decompressed, and any other client error Express or body-parser raised.
  const status = clientErrorStatus(error);
  if (status) {
    req.log.info({ err: error, status }, "request refused before reaching a route");
    send(status, "bad_request", "The request could not be read");
    return;
  }
  // A row the request names was deleted meanwhile (outside the API: it deactivates, never deletes).
  if (postgresCode(error) === "23503") {
    send(409, "conflict", "A record this request refers to no longer exists");
    return;
  }
  if (isUnavailable(error)) {
    req.log.error({ err: error }, "a backing service is unreachable");
    res.set("Retry-After", "5");
    send(503, "service_unavailable", "Temporarily unavailable; retry shortly");
    return;
  }
  req.log.error({ err: error }, "unhandled error");
  send(500, "internal_error", "Internal server error");
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

/** An http-errors style 4xx (`status` and `expose`), as Express and body-parser raise them. */
function clientErrorStatus(error: unknown): number | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === "number" && status >= 400 && status < 500 && expose === true ? status : undefined;
}

/** The SQLSTATE of a PostgreSQL error, which Drizzle wraps as the cause of its own. */
function postgresCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Connection-level failures (refused, reset, server shutting down) of PostgreSQL or Valkey. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** What iovalkey says when it can't send a command: fail-fast connections have no offline queue. */
const VALKEY_UNAVAILABLE =
  /Stream isn't writeable|Connection is closed|Command timed out|max retries per request/i;

export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, errno, message } = current as { code?: unknown; errno?: unknown; message?: unknown };
    if (UNAVAILABLE_CODES.has(String(code)) || UNAVAILABLE_CODES.has(String(errno))) return true;
    if (typeof message === "string" && VALKEY_UNAVAILABLE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
