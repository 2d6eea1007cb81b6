import type { ClientToServerEvents, ServerToClientEvents } from "@helpdesk/socket-events/events";
import { io, type Socket } from "socket.io-client";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One Socket.IO connection per tab, on the page's own origin, authenticated with the session's
 * bearer token. A new token (another user signed in) replaces it.
 */
let current: { token: string; socket: AppSocket } | null = null;

export function openSocket(token: string): AppSocket {
  if (current?.token === token) return current.socket;
  current?.socket.disconnect();
  const socket: AppSocket = io({ auth: { token }, transports: ["websocket"] });
  current = { token, socket };
  return socket;
}

export function closeSocket() {
  current?.socket.disconnect();
  current = null;
}

export const currentSocket = () => current?.socket ?? null;
