import { timingSafeEqual } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import express, { Router } from "express";
import { clearOperatorSession, requireOperator, setOperatorSession } from "./operator-session.ts";

const BASE = "/admin/queues";

/**
 * Bull Board over every queue at /admin/queues, for the platform operator only. It shows every
 * organization's jobs, so organization admins use the scoped /api/v1/admin/jobs routes instead.
 */
export function dashboardRouter(
  queues: Queue[],
  options: { operatorToken: string; secureCookies: boolean },
): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "Helpdesk jobs" } },
  });

  const router = Router();
  router.get("/admin/login", (_req, res) => {
    res.type("html").send(loginPage());
  });
  router.post("/admin/login", express.urlencoded({ extended: false, limit: "4kb" }), (req, res) => {
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
  });
  router.post("/admin/logout", (_req, res) => {
    clearOperatorSession(res);
    res.redirect(303, "/admin/login");
  });
  router.use(BASE, requireOperator(options.operatorToken, loginPage), (_req, res, next) => {
    // Bull Board's page bootstraps with an inline script; allow that here only.
    res.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    );
    next();
  });
  router.use(BASE, serverAdapter.getRouter());
  return router;
}

function loginPage(error?: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Operator login · Helpdesk jobs</title>
    <style>
      body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f4f5f7; }
      form { background: white; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: 22rem; }
      h1 { font-size: 1.2rem; margin-top: 0; }
      input, button { width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .5rem; font-size: 1rem; }
      button { background: #1d4ed8; color: white; border: 0; border-radius: 4px; cursor: pointer; }
      .error { color: #b91c1c; }
    </style>
  </head>
  <body>
    <form method="post" action="/admin/login">
      <h1>Helpdesk job dashboard</h1>
      <p>Platform operators only. Enter the operator token (<code>OPERATOR_TOKEN</code>).</p>
      ${error ? `<p class="error">${error}</p>` : ""}
      <label for="token">Operator token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required autofocus />
      <button type="submit">Log in</button>
    </form>
  </body>
</html>`;
}
