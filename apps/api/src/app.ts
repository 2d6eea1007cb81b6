import { join } from "node:path";
import type { Env } from "@helpdesk/config/env";
import type { Database } from "@helpdesk/db/client";
import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { ActiveUserCache } from "./auth/active-user-cache.ts";
import { createLimits, resetAccount } from "./auth/limits.ts";
import { limitRequests } from "./auth/rate-limits.ts";
import { createExportSettings } from "./boot/exports.ts";
import type { ProductJobs } from "./context/service-context.ts";
import { API_BASE } from "./http/api-base.ts";
import { limitBodyTime } from "./http/body-timeout.ts";
import { dashboardRouter } from "./http/bull-board.ts";
import { errorHandler, notFoundHandler } from "./http/error-handler.ts";
import { measureRequests, metricsHandler } from "./http/metrics.ts";
import { mountRoutes } from "./http/mount.ts";
import { buildOpenApiDocument } from "./http/openapi.ts";
import { devEmailsRouter } from "./http/pages/dev-emails-page.ts";
import { docsRouter } from "./http/pages/docs-page.ts";
import { requireOperator } from "./http/require-operator.ts";
import { builtWebApp, viteWebApp, webRoot } from "./http/web-app.ts";
import type { Logger } from "./logging/logger.ts";
import type { RealtimeEmitter } from "./realtime/emitter.ts";
import { exportDownloadRouter } from "./routes/export-download.ts";
import { healthRouter } from "./routes/health.ts";
import { apiRoutes } from "./routes/index.ts";

export interface AppDeps {
  env: Env;
  db: Database;
  valkey: ValkeyConnection;
  jobs: ProductJobs;
  /** Lets request handlers reach sockets on every API process (e.g. to close a deactivated user's). */
  realtime: RealtimeEmitter;
  /** The users authentication reads, kept per process and dropped when a change is announced. */
  users: ActiveUserCache;
  logger: Logger;
}

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** The Express app without a listening socket: server.ts listens, tests call it directly. */
export function createApp(deps: AppDeps) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.env.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Honour a caller's id (load balancer, client) so one id follows a request across systems.
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customProps: (req) => ({ requestId: req.id }),
      // Method, URL and status are what a request log is read for; headers are noise (and risk).
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Probes, and in development the hundreds of source modules Vite serves, are not requests to read.
      autoLogging: {
        ignore: (req) =>
          (req.url?.startsWith("/health") ?? false) ||
          (deps.env.WEB_APP === "dev" && /^\/(src|@\w+|node_modules)\//.test(req.url ?? "")),
      },
    }),
  );
  const limits = createLimits(
    deps.valkey,
    deps.env.QUEUE_PREFIX,
    {
      authPerMinute: deps.env.AUTH_RATE_LIMIT_PER_MINUTE,
      loginFailuresPerAccount: deps.env.LOGIN_FAILURES_PER_ACCOUNT,
      messagesPerMinute: deps.env.MESSAGES_PER_MINUTE,
    },
    deps.logger,
  );
  app.use(measureRequests);
  // Vite's development client runs inline scripts and its own hot-reload socket.
  app.use(helmet(deps.env.WEB_APP === "dev" ? { contentSecurityPolicy: false } : {}));
  app.use(limitBodyTime(deps.env.BODY_TIMEOUT_MS));
  app.use(express.json({ limit: "1mb" }));

  app.use(healthRouter(deps));
  app.get("/metrics", metricsHandler(deps.env.OPERATOR_TOKEN));
  app.use(
    dashboardRouter(deps.jobs.allQueues(), {
      operatorToken: deps.env.OPERATOR_TOKEN,
      secureCookies: deps.env.PUBLIC_URL.startsWith("https:"),
      // Guessing the operator token is guessing a password: a budget of its own.
      loginRateLimit: limitRequests(limits.operatorLogIn),
      queuesReachable: () => deps.jobs.reachable,
    }),
  );
  const openApi = buildOpenApiDocument(apiRoutes, API_BASE);
  app.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.json(openApi);
  });
  app.use(docsRouter(`${API_BASE}/openapi.json`));
  // Without Resend, e-mails land in the development outbox; it holds every organization's mail,
  // so outside development only the operator may read it.
  if (!deps.env.RESEND_API_KEY) {
    if (deps.env.NODE_ENV === "production") app.use("/dev/emails", requireOperator(deps.env.OPERATOR_TOKEN));
    app.use(devEmailsRouter(deps.db));
  }

  const api = express.Router();
  // Answers carry tokens and tenants' data: no browser or proxy may keep a copy.
  api.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  api.post("/auth/signup", limitRequests(limits.signUp));
  api.post("/auth/login", limitRequests(limits.logIn));
  api.post(
    "/auth/password-reset",
    limitRequests(limits.passwordReset),
    limitRequests(limits.passwordResetsPerAccount, resetAccount),
  );
  api.post("/auth/password-reset/confirm", limitRequests(limits.passwordResetConfirm));
  const exports = createExportSettings(deps.env);
  api.use(exportDownloadRouter({ db: deps.db, exports }));
  mountRoutes(api, apiRoutes, {
    limits,
    db: deps.db,
    jobs: deps.jobs,
    realtime: deps.realtime,
    users: deps.users,
    tokens: { secret: deps.env.JWT_SECRET, expiresIn: deps.env.JWT_EXPIRES_IN },
    operatorToken: deps.env.OPERATOR_TOKEN,
    exports,
  });
  app.use(API_BASE, api);
  if (deps.env.WEB_APP === "built") {
    app.use(builtWebApp(deps.env.WEB_DIST_DIR ?? join(webRoot, "dist"), deps.logger));
  } else if (deps.env.WEB_APP === "dev") {
    app.use(viteWebApp(deps.logger));
  }

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
