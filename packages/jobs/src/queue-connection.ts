import { type ConnectionOptions, createBunRedisClient } from "bullmq";
import { RedisClient } from "bun";
import { createValkeyConnection } from "./connection.ts";

/**
 * The connection BullMQ queues and workers use. `VALKEY_CLIENT=bun` selects Bun's built-in client
 * (wrapped with createBunRedisClient; passed raw, BullMQ would mistake it for options); the default
 * is iovalkey, which the Socket.IO adapter and emitter need anyway. Both connect to one Valkey
 * endpoint, not to a Cluster (docs/deployment.md). docs/jobs.md has the measured difference.
 */
export type QueueClientKind = "iovalkey" | "bun";

export interface QueueConnectionOptions {
  name: string;
  /** Producers: fail fast while Valkey is away (the outbox keeps the work). Workers: wait it out. */
  role: "producer" | "worker";
  onError?: (error: Error) => void;
}

export function createQueueConnection(
  url: string,
  kind: QueueClientKind,
  options: QueueConnectionOptions,
): ConnectionOptions {
  const producer = options.role === "producer";
  if (kind === "bun") {
    const client = new RedisClient(url, {
      autoReconnect: true,
      // Bun gives up after maxRetries; a Valkey restart must never need a process restart.
      maxRetries: 4_294_967_295,
      enableOfflineQueue: !producer,
      connectionTimeout: 5_000,
    });
    return createBunRedisClient(client);
  }
  return createValkeyConnection(url, {
    name: options.name,
    maxRetriesPerRequest: producer ? 1 : null,
    extra: producer ? { enableOfflineQueue: false } : undefined,
    onError: options.onError,
  });
}
