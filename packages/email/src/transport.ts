/**
 * How an e-mail leaves the system. The `email` queue's handler renders a template, then calls a
 * transport; the transport's errors tell the job what to do next:
 * - EmailRateLimitedError: the provider said 429; wait `retryAfterMs`, don't use up an attempt;
 * - EmailRejectedError: the provider refused this message for good (4xx validation); never retry;
 * - anything else (5xx, network): retry with backoff.
 */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  /** "resend" or "dev-outbox": recorded in the email log. */
  readonly name: string;
  /**
   * Sends once per idempotency key: a second call with the same key must not send a second e-mail
   * (Resend honours the Idempotency-Key header for 24 h; the dev outbox has a unique index).
   */
  send(email: OutgoingEmail, options: { idempotencyKey: string }): Promise<{ id: string }>;
}

export class EmailRateLimitedError extends Error {
  override name = "EmailRateLimitedError";
  constructor(readonly retryAfterMs: number) {
    super(`E-mail provider rate limit; retry after ${retryAfterMs} ms`);
  }
}

export class EmailRejectedError extends Error {
  override name = "EmailRejectedError";
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export class EmailTemporaryError extends Error {
  override name = "EmailTemporaryError";
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}
