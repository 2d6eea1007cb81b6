import type { ServerToClientEvents } from "@helpdesk/socket-events/events";
import { io, type Socket } from "socket.io-client";

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** A real socket.io-client connected with a token, recording every event it receives. */
export interface TestSocket {
  socket: Socket<ServerToClientEvents>;
  received: { event: EventName; payload: unknown }[];
  /** Resolves with the first matching event (already received or still to come), or rejects at the deadline. */
  next<E extends EventName>(
    event: E,
    match?: (payload: Payload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<Payload<E>>;
  close(): void;
}

const EVENTS: EventName[] = [
  "notification",
  "ticket:updated",
  "sla:warning",
  "sla:breached",
  "export:progress",
  "export:ready",
  "export:failed",
];

export async function connectSocket(url: string, token: string): Promise<TestSocket> {
  const socket: Socket<ServerToClientEvents> = io(url, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  const received: TestSocket["received"] = [];
  const waiters = new Set<() => void>();
  // onAny sees every event by name; the typed `next` below narrows each payload.
  socket.onAny((event: EventName, payload: unknown) => {
    if (!EVENTS.includes(event)) return;
    received.push({ event, payload });
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    received,
    next(event, match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find((r) => r.event === event && match(r.payload as never));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.payload as never);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} event within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => socket.close(),
  };
}

/** The reason a connection is refused (the server's connect_error message). */
export function refusal(url: string, token: unknown): Promise<string> {
  const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      socket.close();
      reject(new Error("the connection was accepted"));
    });
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}
