import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";

const COOKIE = "hd_operator";

const SESSION_MS = 12 * 3600_000;

/**
 * The dashboard's browser session: after the operator types OPERATOR_TOKEN into the login form, a
 * cookie holds its issue time and an HMAC of that time keyed by the token (never the token itself).
 * It lasts 12 hours; rotating the token ends every session at once.
 */
export function operatorSessionValue(operatorToken: string, issuedAt = Date.now()): string {
  const mac = createHmac("sha256", operatorToken)
    .update(`helpdesk-dashboard-session:v2:${issuedAt}`)
    .digest("base64url");
  return `${issuedAt}.${mac}`;
}

export function hasOperatorSession(req: Request, operatorToken: string): boolean {
  if (isOperator(req, operatorToken)) return true;
  const cookie = req.get("cookie") ?? "";
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === COOKIE)?.[1];
  const issuedAt = Number(value?.split(".")[0]);
  if (
    !value ||
    !Number.isSafeInteger(issuedAt) ||
    Date.now() - issuedAt > SESSION_MS ||
    issuedAt > Date.now()
  ) {
    return false;
  }
  const expected = Buffer.from(operatorSessionValue(operatorToken, issuedAt));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function setOperatorSession(res: Response, operatorToken: string, secure: boolean): void {
  res.cookie(COOKIE, operatorSessionValue(operatorToken), {
    httpOnly: true,
    sameSite: "strict",
    secure,
    // "/": the same session opens /admin/queues and, in production, /dev/emails.
    path: "/",
    maxAge: SESSION_MS,
  });
}

export function clearOperatorSession(res: Response): void {
  res.clearCookie(COOKIE, { path: "/" });
}

/** The operator authenticates with `Authorization: Bearer <OPERATOR_TOKEN>` (compared in constant time). */
export function isOperator(req: Request, operatorToken: string): boolean {
  const given = req.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(operatorToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
