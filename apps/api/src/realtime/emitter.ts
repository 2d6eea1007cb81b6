import type {
  ExportEventName,
  NotificationEvent,
  ServerToClientEvents,
  SlaEvent,
  TicketUpdatedEvent,
} from "@helpdesk/socket-events/events";
import { closeValkey, createValkeyConnection } from "@helpdesk/valkey/connection";
import { Emitter } from "@socket.io/redis-emitter";
import { dropUserInProcess, userChangedChannel } from "../auth/user-changed.ts";
import { rooms } from "./rooms.ts";

/**
 * Sends Socket.IO events from any process (workers included) through Valkey pub/sub; the API
 * processes' adapters deliver them to the sockets in the named rooms.
 */
export interface RealtimeEmitter {
  notification(userId: string, event: NotificationEvent): void;
  ticketUpdated(organizationId: string, event: TicketUpdatedEvent): void;
  sla(kind: "sla:warning" | "sla:breached", userIds: string[], event: SlaEvent): void;
  /** An export's progress, readiness or failure, to its requester. */
  exportUpdate(userId: string, ...update: ExportUpdate): void;
  /** Closes every socket of a user, on every API process (deactivated, or their role changed). */
  disconnectUser(userId: string): void;
  /**
   * Tells every API process that a user's row changed, so their user caches drop it (role,
   * deactivation, name or locale; auth/active-user-cache.ts). Not a Socket.IO event: it goes on a
   * channel of its own, over the same connection. Resolves once Valkey has passed it on (true),
   * or false after a second without an answer.
   */
  userChanged(userId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** An export event and its payload, as one argument list: the name decides the payload's type. */
type ExportUpdate = {
  [K in ExportEventName]: [kind: K, event: Parameters<ServerToClientEvents[K]>[0]];
}[ExportEventName];

export function createRealtimeEmitter(valkeyUrl: string, keyPrefix: string): RealtimeEmitter {
  const connection = createValkeyConnection(valkeyUrl, {
    name: "helpdesk:socket-emitter",
    maxRetriesPerRequest: null,
    // What is emitted in one tick (a fan-out's ticket:updated and notifications) goes to Valkey as
    // one write instead of a write per PUBLISH. Safe here: this connection only ever publishes.
    extra: { enableAutoPipelining: true },
  });
  const emitter = new Emitter<ServerToClientEvents>(connection, { key: `${keyPrefix}:socket.io` });
  return {
    notification: (userId, event) => emitter.to(rooms.user(userId)).emit("notification", event),
    ticketUpdated: (organizationId, event) =>
      emitter.to(rooms.staff(organizationId)).emit("ticket:updated", event),
    sla: (kind, userIds, event) => emitter.to(userIds.map(rooms.user)).emit(kind, event),
    // One method for three events; the switch lets `emit` see each event's own payload type.
    exportUpdate: (userId, ...[kind, event]) => {
      const requester = emitter.to(rooms.user(userId));
      switch (kind) {
        case "export:progress":
          return void requester.emit(kind, event);
        case "export:ready":
          return void requester.emit(kind, event);
        case "export:failed":
          return void requester.emit(kind, event);
      }
    },
    disconnectUser: (userId) => emitter.in(rooms.user(userId)).disconnectSockets(true),
    // Valkey queues the message to every subscriber while it runs the PUBLISH, in the turn that
    // answers it: once answered, it is on its way to the other processes, which read it on their
    // next turn. Unanswered after a second (Valkey away), the PUBLISH still goes out on reconnect;
    // meanwhile the caches, unsubscribed or unanswered, use nothing (auth/active-user-cache.ts).
    userChanged: (userId) => {
      dropUserInProcess(userId);
      return Promise.race([
        connection.publish(userChangedChannel(keyPrefix), userId).then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(resolve, 1_000, false).unref()),
      ]);
    },
    close: () => closeValkey(connection),
  };
}
