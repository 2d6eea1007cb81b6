import Valkey, { type RedisOptions } from "iovalkey";

export type ValkeyConnection = Valkey;

export interface ConnectionOptions {
  /** Who holds the connection, shown by `CLIENT LIST` (e.g. `helpdesk:api`). */
  name: string;
  /**
   * Workers and blocking commands need `null` (BullMQ retries forever while Valkey is away); request
   * paths want a bounded number so an HTTP call fails fast instead of hanging when Valkey is down.
   */
  maxRetriesPerRequest?: number | null;
  extra?: RedisOptions;
  /** Connection errors are reported here (they recur while Valkey is down; the client keeps reconnecting). */
  onError?: (error: Error) => void;
}

/** The one place a Valkey connection is made, so every process reconnects and names itself alike. */
export function createValkeyConnection(url: string, options: ConnectionOptions): Valkey {
  const connection = new Valkey(url, {
    connectionName: options.name,
    maxRetriesPerRequest: options.maxRetriesPerRequest === undefined ? 2 : options.maxRetriesPerRequest,
    // Back off up to 2 s between reconnects, forever: a Valkey restart must not need a process restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    enableOfflineQueue: true,
    ...options.extra,
  });
  // Without a listener, a refused connection is an "Unhandled error event" printed on every retry.
  connection.on("error", options.onError ?? (() => {}));
  return connection;
}
