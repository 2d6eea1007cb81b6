import { createHash, createHmac } from "node:crypto";
import type { AccountTokenPurpose } from "@helpdesk/db/schema";

/**
 * The tokens of account links (welcome and password-reset e-mails). The raw token is never stored
 * nor put in a job: it is derived from the token row's id with a keyed HMAC, so the e-mail job,
 * which carries only the id, can rebuild it, and the row keeps only its SHA-256. A copy of the
 * table, of a job payload or of a log line opens nothing; the key does that, and it is JWT_SECRET,
 * which can sign bearer tokens anyway. Rotating that secret voids the links still out.
 */

/** How long a link works. A reset is asked for and used at once; a welcome may wait in an inbox. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 60 * 60_000,
  welcome: 7 * 24 * 60 * 60_000,
};

// The prefix keeps this HMAC's inputs apart from the JWT signing inputs made with the same key
// (those start with a base64url header, never with this text).
const DOMAIN = "helpdesk account token:";

/** The token of the row `tokenId`: 256 bits, base64url, the same on every call (a retried e-mail sends the same link). */
export function accountToken(secret: string, tokenId: string): string {
  return createHmac("sha256", secret)
    .update(DOMAIN + tokenId)
    .digest("base64url");
}

/** What the row stores and is looked up by. */
export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token and the hash its row stores, for a new row id. */
export function newAccountToken(secret: string, tokenId: string) {
  const token = accountToken(secret, tokenId);
  return { token, tokenHash: hashAccountToken(token) };
}
