import { type Env, env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { closeValkey, createFailFastConnection } from "@helpdesk/valkey/connection";
import { createApp } from "../app.ts";
import { connectActiveUserCache } from "../auth/active-user-cache.ts";
import { createJobRuntime, type JobProcessing, startJobProcessing } from "../boot/jobs.ts";
import type { ProductJobs, SystemContext } from "../context/service-context.ts";
import { logger as defaultLogger, type Logger } from "../logging/logger.ts";
import { createRealtimeEmitter, type RealtimeEmitter } from "../realtime/emitter.ts";
import { attachRealtime } from "../realtime/socket-server.ts";
import { probeQueues } from "./jobs.ts";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  /** The env this server runs with (overrides applied): start workers with the same one. */
  config: Env;
  db: ReturnType<typeof createDatabase>["db"];
  /** The server's job runtime (queues under this process's test prefix); no workers run unless a test starts them. */
  jobs: ProductJobs;
  realtime: RealtimeEmitter;
  /** What a service called outside a request gets (as job handlers do): this server's parts. */
  context(): SystemContext;
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real app on a real port (0 = any free one), talking to the test database and Valkey, so tests
 * go through HTTP exactly as a client does. `overrides` tweaks the env (e.g. a low rate limit).
 */
export async function startTestServer(
  overrides: Partial<Env> = {},
  options: {
    /**
     * Socket.IO with its Valkey adapter (default on). Off for a server whose Valkey is unreachable:
     * the adapter's pending SUBSCRIBE would be rejected, unhandled, when the test closes it.
     */
    realtime?: boolean;
    /** Where the server logs (default: the test logger, silent unless TEST_LOG_LEVEL). */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const config = { ...env(), ...overrides };
  const logger = options.logger ?? defaultLogger;
  const database = createDatabase(config.DATABASE_URL, { max: 5 });
  const valkey = createFailFastConnection(config.VALKEY_URL, { name: "helpdesk:test" });
  const jobs = createJobRuntime(config, database.db, logger, probeQueues);
  const emitter = createRealtimeEmitter(config.VALKEY_URL, config.QUEUE_PREFIX);
  const users = connectActiveUserCache({
    db: database.db,
    valkeyUrl: config.VALKEY_URL,
    keyPrefix: config.QUEUE_PREFIX,
    log: logger,
  });
  const app = createApp({ env: config, db: database.db, valkey, jobs, realtime: emitter, users, logger });
  const server = app.listen(0);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  // The request-path connection fails fast until it is connected: tests start once it is (unless
  // a test points it at a Valkey that is down on purpose).
  if (options.realtime ?? true) await waitForReady(valkey);
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("test server has no port");
  const url = `http://127.0.0.1:${address.port}`;
  const realtime =
    (options.realtime ?? true) &&
    attachRealtime(server, {
      db: database.db,
      jwtSecret: config.JWT_SECRET,
      valkeyUrl: config.VALKEY_URL,
      keyPrefix: config.QUEUE_PREFIX,
      log: logger,
    });
  return {
    url,
    config,
    db: database.db,
    jobs,
    realtime: emitter,
    context: () => ({ db: database.db, jobs, log: logger, realtime: emitter }),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(options.body);
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {}
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    async close() {
      if (realtime) await realtime.close();
      await new Promise((resolve) => server.close(resolve));
      await jobs.close();
      await emitter.close();
      users.close();
      await Promise.allSettled([database.close(), closeValkey(valkey)]);
    },
  };
}

/**
 * The test server plus what a worker process does, with the server's own config: the outbox sweep
 * and every queue's workers. Closing stops them first. (The preload deletes the file's keys.)
 */
export async function startTestServerWithWorkers(
  overrides: Partial<Env> = {},
): Promise<TestServer & { workers: JobProcessing }> {
  const server = await startTestServer(overrides);
  server.jobs.relay.start();
  const workers = startJobProcessing(server.jobs, server.config);
  return {
    ...server,
    workers,
    async close() {
      await workers.close(2_000);
      await server.close();
    },
  };
}

async function waitForReady(valkey: { status: string; once(event: "ready", listener: () => void): unknown }) {
  if (valkey.status === "ready") return;
  await new Promise<void>((resolve) => valkey.once("ready", resolve));
}
