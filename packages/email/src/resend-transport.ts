import { type ErrorResponse, Resend } from "resend";
import {
  EmailRateLimitedError,
  EmailRejectedError,
  EmailTemporaryError,
  type EmailTransport,
} from "./transport.ts";

const DEFAULT_RETRY_AFTER_MS = 1000;
/** The SDK sets no timeout of its own; a hung connection would otherwise hold the job until it stalls. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Sends through Resend with its official SDK. `baseUrl` points the SDK elsewhere (the local stand-in
 * in tests); without it the SDK uses RESEND_BASE_URL, then https://api.resend.com.
 */
export function createResendTransport(options: {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}): EmailTransport {
  const resend = new Resend(options.apiKey, { baseUrl: options.baseUrl });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: "resend",
    async send(email, { idempotencyKey }) {
      // The SDK resolves with `{ data, error }` rather than throwing, network failures included.
      const { data, error, headers } = await resend.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) throw toTransportError(error, headers);
      return { id: data.id };
    },
  };
}

/**
 * Resend's answer, in the terms the e-mail job acts on. The SDK copies `statusCode` from the error
 * body (or from the HTTP status when the body is not JSON) and leaves it null when no response came.
 */
export function toTransportError(error: ErrorResponse, headers: Record<string, string> | null): Error {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const message = `Resend ${status ?? "request failed"}: ${error.name}: ${error.message}`;
  if (status === 429) return new EmailRateLimitedError(retryAfterMs(headers?.["retry-after"]));
  // Another request with this key is still in flight: the e-mail may yet go out, so ask again later.
  if (error.name === "concurrent_idempotent_requests") return new EmailTemporaryError(status, message);
  // A bad or rotated API key, or an unverified sending domain, is the operator's to fix, not the
  // message's fault: keep retrying (and failing loudly in the logs) rather than dead-letter every e-mail.
  if (status === 401 || status === 403) return new EmailTemporaryError(status, message);
  if (status !== null && status >= 400 && status < 500) return new EmailRejectedError(status, message);
  return new EmailTemporaryError(status, message);
}

/** `Retry-After` is either a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | undefined): number {
  if (header === undefined || header.trim() === "") return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return DEFAULT_RETRY_AFTER_MS;
  return Math.max(0, date - Date.now());
}
