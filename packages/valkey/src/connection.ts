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

/**
 * Closes a connection without hanging: QUIT needs a live server, so a connection that never got
 * one (or lost it) is dropped instead, and a QUIT that gets no answer within a second is cut.
 */
export async function closeValkey(connection: Valkey): Promise<void> {
  if (connection.status !== "ready") {
    connection.disconnect();
    return;
  }
  const quit = connection.quit().then(() => undefined);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref());
  await Promise.race([quit, timeout]).catch(() => undefined);
  connection.disconnect();
}

/**
 * For work on a request's path (rate limits, readiness): while Valkey is away a command fails at
 * once instead of queueing (no offline queue, no retry), and one that gets no answer fails after
 * half a second, so an outage adds no wait to a request.
 */
export function createFailFastConnection(
  url: string,
  options: { name: string; onError?: (error: Error) => void },
): Valkey {
  return createValkeyConnection(url, {
    ...options,
    maxRetriesPerRequest: 0,
    extra: { enableOfflineQueue: false, commandTimeout: 500 },
  });
}
