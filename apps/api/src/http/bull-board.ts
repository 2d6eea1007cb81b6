import { timingSafeEqual } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import express, { type RequestHandler, Router } from "express";
import { clearOperatorSession, setOperatorSession } from "../auth/operator-session.ts";
import { UnavailableError } from "../lib/errors.ts";
import { isUnavailable } from "./error-handler.ts";
import { operatorLoginPage as loginPage } from "./pages/operator-login-page.ts";
import { requireOperator } from "./require-operator.ts";

const BASE = "/admin/queues";

/**
 * Bull Board over every queue at /admin/queues, for the platform operator only. It shows every
 * organization's jobs, so organization admins use the scoped /api/v1/admin/jobs routes instead.
 */
export function dashboardRouter(
  queues: Queue[],
  options: {
    operatorToken: string;
    secureCookies: boolean;
    loginRateLimit: RequestHandler;
    /** Whether the queues' Valkey connection is up: its API answers 503 at once when it is not. */
    queuesReachable: () => boolean;
  },
): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "Helpdesk jobs" } },
  });
  // Bull Board answers its API's errors itself, as 500: an outage is a 503 there too. (Its types
  // list fewer statuses than Express sends.)
  serverAdapter.setErrorHandler(
    (error) =>
      (isUnavailable(error)
        ? { status: 503, body: { error: "Valkey is unreachable; retry shortly" } }
        : { status: 500, body: { error: "Internal server error" } }) as never,
  );

  const router = Router();
  router.get("/admin/login", (_req, res) => {
    res.type("html").send(loginPage());
  });
  router.post(
    "/admin/login",
    options.loginRateLimit,
    express.urlencoded({ extended: false, limit: "4kb" }),
    (req, res) => {
      const token = typeof req.body?.token === "string" ? req.body.token : "";
      const given = Buffer.from(token);
      const expected = Buffer.from(options.operatorToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        req.log.warn("operator login refused");
        res.status(401).type("html").send(loginPage("That token is not the operator token."));
        return;
      }
      setOperatorSession(res, options.operatorToken, options.secureCookies);
      res.redirect(303, BASE);
    },
  );
  router.post("/admin/logout", (_req, res) => {
    clearOperatorSession(res);
    res.redirect(303, "/admin/login");
  });
  router.use(BASE, requireOperator(options.operatorToken), (_req, res, next) => {
    // Bull Board's page bootstraps with an inline script; allow that here only.
    res.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    );
    next();
  });
  router.use(`${BASE}/api`, (_req, _res, next) => {
    next(options.queuesReachable() ? undefined : new UnavailableError("The job queues are unreachable"));
  });
  router.use(BASE, serverAdapter.getRouter());
  return router;
}
