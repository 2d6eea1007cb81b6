import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * HMAC signatures of local download links: the signature is the authority, so the link works
 * without a session (from an e-mail, a browser download) and only until its expiry.
 */
export function signDownload(secret: string, key: string, expiresAtSeconds: number): string {
  return createHmac("sha256", secret).update(`${key}\n${expiresAtSeconds}`).digest("base64url");
}

/** True when `signature` was made for this key and expiry with `secret`, and the expiry has not passed. */
export function verifyDownload(
  secret: string,
  key: string,
  query: { expires?: unknown; signature?: unknown },
  now = Date.now(),
): boolean {
  const { expires, signature } = query;
  if (typeof expires !== "string" || typeof signature !== "string" || !/^\d{1,12}$/.test(expires))
    return false;
  const expected = Buffer.from(signDownload(secret, key, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number(expires) * 1000 > now;
}

/**
 * The key that signs download links when EXPORT_URL_SECRET is unset: derived from JWT_SECRET under
 * a label of its own, so a download signature can never pass for a bearer token or the reverse.
 */
export function deriveDownloadSecret(jwtSecret: string): string {
  return createHmac("sha256", jwtSecret).update("helpdesk export download links v1").digest("hex");
}
