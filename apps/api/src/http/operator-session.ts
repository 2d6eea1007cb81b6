import { createHmac, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { isOperator } from "./mount.ts";
import { operatorLoginPage } from "./operator-login-page.ts";

const COOKIE = "hd_operator";

/**
 * The dashboard's browser session: after the operator types OPERATOR_TOKEN into the login form,
 * a cookie holds an HMAC of it (never the token itself). Rotating the token ends every session.
 */
export function operatorSessionValue(operatorToken: string): string {
  return createHmac("sha256", operatorToken).update("helpdesk-dashboard-session:v1").digest("base64url");
}

export function hasOperatorSession(req: Request, operatorToken: string): boolean {
  if (isOperator(req, operatorToken)) return true;
  const cookie = req.get("cookie") ?? "";
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === COOKIE)?.[1];
  if (!value) return false;
  const expected = Buffer.from(operatorSessionValue(operatorToken));
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
    maxAge: 12 * 3600_000,
  });
}

export function clearOperatorSession(res: Response): void {
  res.clearCookie(COOKIE, { path: "/" });
}

/** Browsers get the login page (401), API clients a JSON 401. */
export function requireOperator(operatorToken: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hasOperatorSession(req, operatorToken)) return next();
    if (req.accepts(["json", "html"]) === "html") {
      res.status(401).type("html").send(operatorLoginPage());
      return;
    }
    res.status(401).json({
      error: { code: "unauthorized", message: "Operator login required", requestId: String(req.id) },
    });
  };
}
