/**
 * Keys whose values never reach the logs: secrets, and message bodies (customers' words). Matched
 * by name at the top of a logged object and two levels down (`req.headers.authorization`).
 */
const SECRET_KEYS = new Set(["password", "passwordHash", "token", "body", "authorization", "cookie"]);
const MAX_DEPTH = 2;
export const CENSOR = "[redacted]";

/**
 * The value with every secret key's value censored: the same object when it holds none (most
 * lines), else a copy, so the caller's object is never changed. An Error's copy keeps its
 * prototype, message, stack and cause, so pino's error serializer still reads it as an error.
 *
 * pino's own `redact` option re-parsed its ten path strings on every line (@pinojs/redact): CPU
 * spent on lines that almost never hold a secret (bench/RESULTS.md).
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || !isWalked(value)) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const current = source[key];
    const next = SECRET_KEYS.has(key) ? CENSOR : redactSecrets(current, depth + 1);
    if (next === current) continue;
    copy ??= copyOf(source);
    copy[key] = next;
  }
  return (copy ?? value) as T;
}

/**
 * Plain objects and errors. Other instances (a request, a response, a Buffer) are logged through
 * their serializers, which pick what is written (app.ts logs a request's method and URL only), and
 * copying one would lose what its serializer reads.
 */
function isWalked(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || value instanceof Error;
}

/** An error's own properties include non-enumerable ones (message, stack, cause): all are kept. */
function copyOf(source: Record<string, unknown>): Record<string, unknown> {
  if (!(source instanceof Error)) return { ...source };
  return Object.create(Object.getPrototypeOf(source), Object.getOwnPropertyDescriptors(source));
}
