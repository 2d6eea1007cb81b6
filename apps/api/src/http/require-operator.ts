import type { NextFunction, Request, Response } from "express";
import { hasOperatorSession } from "../auth/operator-session.ts";
import { operatorLoginPage } from "./pages/operator-login-page.ts";

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
