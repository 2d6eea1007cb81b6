/**
 * The one error hierarchy of the API. Services throw these; the error middleware turns them into
 * `{ "error": { "code", "message", "details"?, "requestId" } }` with the matching HTTP status.
 * Anything else that reaches the middleware is a bug and answers 500 without its message.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  location: "body" | "query" | "header";
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(message: string, details?: { issues: FieldIssue[] }) {
    super(400, "validation_failed", message, details);
  }

  /** The same shape as a schema failure, for rules a schema can't express (e.g. "is not a customer here"). */
  static field(location: FieldIssue["location"], path: string, message: string) {
    return new ValidationError(`Invalid ${location}`, { issues: [{ location, path, message }] });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(403, "forbidden", message);
  }
}

/** Also used for rows of another organization, so that their existence does not leak. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, "not_found", `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, "conflict", message, details);
  }
}

/** Over a rate limit: the answer carries `Retry-After` (seconds). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", message);
  }
}

/** A backing service (PostgreSQL, Valkey) is unreachable: 503 with `Retry-After`, nothing done. */
export class UnavailableError extends AppError {
  constructor(message = "Temporarily unavailable; retry shortly") {
    super(503, "service_unavailable", message);
  }
}
