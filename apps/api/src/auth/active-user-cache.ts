import type { Database } from "@helpdesk/db/client";
import { createValkeyConnection, type ValkeyConnection } from "@helpdesk/valkey/connection";
import { setBounded } from "../lib/bounded-map.ts";
import type { Logger } from "../logging/logger.ts";
import type { Actor } from "./actor.ts";
import { readActiveUser } from "./authenticate.ts";
import { processUserCaches, userChangedChannel } from "./user-changed.ts";

/** The user row authentication needs; `active` and `sessionsValidFrom` decide whether a token still works. */
export type ActiveUserRow = Actor & { active: boolean; sessionsValidFrom: Date | null };

export interface ActiveUserCacheOptions {
  /** Reads the row from PostgreSQL (a miss, or whenever the cache is off). */
  load: (userId: string, organizationId: string) => Promise<ActiveUserRow | undefined>;
  /** A connection of the cache's own: it is put in subscriber mode. */
  subscriber: ValkeyConnection;
  /** Namespaces the channel, like the queue prefix. */
  keyPrefix: string;
  log: Logger;
  /** How long an entry may be used at most, even if no change is ever announced. */
  ttlMs?: number;
  maxEntries?: number;
  /** How often the subscriber is pinged; entries are used only while a pong is under 3 of these old. */
  pingEveryMs?: number;
}

export interface ActiveUserCache {
  get(userId: string, organizationId: string): Promise<ActiveUserRow | undefined>;
  /** Whether entries are being kept (only while the change channel is subscribed and answering). */
  readonly enabled: boolean;
  close(): void;
}

/**
 * The users that authentication reads on every request, kept in the API process so a request
 * makes no PostgreSQL round trip before its own work (bench/RESULTS.md).
 *
 * A deactivation or a role change must still take effect at once, so entries are dropped on a
 * Valkey pub/sub announcement (`userChanged` on the realtime emitter, sent after the change
 * commits), and the cache keeps nothing while it is not subscribed: an announcement missed while
 * Valkey was away can't leave a stale entry behind, because every entry is dropped when the
 * subscription comes back. A connection that looks open but carries nothing (a partition, a
 * failover without a FIN) is caught by a PING each second: entries are used only while the last
 * pong is under three pings old, and all are dropped when pongs resume. The TTL bounds what a lost
 * announcement (or a change made outside the API, e.g. in psql) can leave behind.
 */
export function createActiveUserCache(options: ActiveUserCacheOptions): ActiveUserCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const pingEveryMs = options.pingEveryMs ?? 1_000;
  const entries = new Map<string, { row: ActiveUserRow; expiresAt: number }>();
  const channel = userChangedChannel(options.keyPrefix);
  let subscribed = false;
  // Bumped on every drop: a read that began before a change can't store what it read.
  let generation = 0;
  const dropAll = () => {
    entries.clear();
    generation++;
  };

  const { subscriber } = options;
  let lastPong = 0;
  const answering = () => Date.now() - lastPong < 3 * pingEveryMs;
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => {
        dropAll(); // announcements sent while unsubscribed were missed
        lastPong = Date.now();
        if (!subscribed) options.log.info("user cache on");
        subscribed = true;
      },
      (error: unknown) =>
        options.log.warn({ err: error }, "user cache could not subscribe; reading every time"),
    );
  // After a reconnect too: the subscription is made again, and only then are entries kept again.
  subscriber.on("ready", subscribe);
  if (subscriber.status === "ready") subscribe();
  subscriber.on("close", () => {
    subscribed = false;
    dropAll();
  });
  const drop = (userId: string) => {
    entries.delete(userId);
    generation++;
  };
  subscriber.on("message", (from: string, userId: string) => {
    if (from === channel) drop(userId);
  });
  const registration = { drop };
  processUserCaches.add(registration);
  // A pong comes back on the same stream after every message sent before it, so once it is in,
  // those messages have been applied.
  const pinger = setInterval(() => {
    if (!subscribed) return;
    subscriber.ping().then(
      () => {
        if (!answering()) dropAll(); // silent for a while: what came meanwhile is not trusted
        lastPong = Date.now();
      },
      () => {},
    );
  }, pingEveryMs);
  pinger.unref();
  const live = () => subscribed && answering();

  return {
    get enabled() {
      return live();
    },
    async get(userId, organizationId) {
      if (!live()) return options.load(userId, organizationId);
      const hit = entries.get(userId);
      if (hit && hit.expiresAt > Date.now()) {
        return hit.row.organizationId === organizationId ? hit.row : undefined;
      }
      const seen = generation;
      const row = await options.load(userId, organizationId);
      if (row && live() && generation === seen) {
        setBounded(entries, userId, { row, expiresAt: Date.now() + ttlMs }, maxEntries);
      }
      return row;
    },
    close() {
      clearInterval(pinger);
      processUserCaches.delete(registration);
      subscribed = false;
      dropAll();
      subscriber.disconnect();
    },
  };
}

/** The API process's cache, reading through `db` and listening on a Valkey connection of its own. */
export function connectActiveUserCache(options: {
  db: Database;
  valkeyUrl: string;
  keyPrefix: string;
  log: Logger;
}): ActiveUserCache {
  return createActiveUserCache({
    load: (userId, organizationId) => readActiveUser(options.db, userId, organizationId),
    subscriber: createValkeyConnection(options.valkeyUrl, {
      name: "helpdesk:user-cache",
      maxRetriesPerRequest: null,
      onError: (error) => options.log.warn({ err: error }, "user cache connection error"),
    }),
    keyPrefix: options.keyPrefix,
    log: options.log,
  });
}
