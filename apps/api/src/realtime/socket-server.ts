import type { Server as HttpServer } from "node:http";
import type { Database } from "@helpdesk/db/client";
import type { ClientToServerEvents, ServerToClientEvents } from "@helpdesk/socket-events/events";
import { closeValkey, createValkeyConnection } from "@helpdesk/valkey/connection";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { loadActiveUser } from "../auth/authenticate.ts";
import { verifyToken } from "../auth/tokens.ts";
import type { Logger } from "../logging/logger.ts";
import { rooms } from "./rooms.ts";
import type { SocketData } from "./socket-data.ts";

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<never, never>,
  SocketData
>;

export interface RealtimeOptions {
  db: Database;
  jwtSecret: string;
  valkeyUrl: string;
  /** Namespaces the adapter's pub/sub channels, like the queue prefix. */
  keyPrefix: string;
  log: Logger;
}

/**
 * Socket.IO on the API's own HTTP server (path /socket.io). The handshake carries the same JWT as
 * the HTTP API (`io(url, { auth: { token } })`); a socket joins its user's and organization's
 * rooms (and the staff room for agents and admins). The Valkey adapter shares rooms across API
 * processes, so an emit from any process or worker reaches the socket wherever it is connected.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions) {
  const pub = createValkeyConnection(options.valkeyUrl, {
    name: "helpdesk:socket-pub",
    maxRetriesPerRequest: null,
    onError: (error) => options.log.warn({ err: error }, "socket adapter connection error"),
  });
  const sub = pub.duplicate({ connectionName: "helpdesk:socket-sub" });
  sub.on("error", () => {});
  const io: RealtimeServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    adapter: createAdapter(pub, sub, { key: `${options.keyPrefix}:socket.io` }),
  });

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      if (typeof token !== "string" || token.length === 0)
        throw new Error("Missing token: connect with auth: { token }");
      const claims = await verifyToken(token, options.jwtSecret);
      const user = await loadActiveUser(options.db, claims);
      socket.data = { userId: user.id, organizationId: user.organizationId, role: user.role };
      // The socket lives no longer than its token: past expiry, the client must reconnect with a new one.
      // Capped: a timer past ~24.8 days overflows and would fire at once.
      const lifetime = Math.min(Math.max(0, claims.expiresAt.getTime() - Date.now()), 2_147_483_647);
      const timer = setTimeout(() => socket.disconnect(true), lifetime);
      socket.once("disconnect", () => clearTimeout(timer));
      next();
    } catch (error) {
      const refusal = new Error(error instanceof Error ? error.message : "Unauthorized") as Error & {
        data?: unknown;
      };
      refusal.data = { code: "unauthorized" };
      next(refusal);
    }
  });

  io.on("connection", (socket) => {
    const { userId, organizationId, role } = socket.data;
    const joined = [rooms.user(userId), rooms.organization(organizationId)];
    if (role !== "customer") joined.push(rooms.staff(organizationId));
    void socket.join(joined);
  });

  return {
    io,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all([closeValkey(pub), closeValkey(sub)]);
    },
  };
}
