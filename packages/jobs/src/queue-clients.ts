import { createValkeyConnection, type ValkeyConnection } from "@helpdesk/valkey/connection";

/**
 * The two kinds of connection BullMQ gets. Producers fail fast while Valkey is away (one retry, no
 * offline queue): the outbox row stays in PostgreSQL and the relay's sweep delivers it later,
 * instead of a request hanging on a dead connection. Workers' blocking commands wait out a Valkey
 * restart instead (no retry limit).
 */
export function producerConnection(url: string, onError?: (error: Error) => void): ValkeyConnection {
  return createValkeyConnection(url, {
    name: "helpdesk:producer",
    maxRetriesPerRequest: 1,
    extra: { enableOfflineQueue: false },
    onError,
  });
}

export function workerConnection(url: string, onError?: (error: Error) => void): ValkeyConnection {
  return createValkeyConnection(url, { name: "helpdesk:worker", maxRetriesPerRequest: null, onError });
}
