import { afterAll, beforeAll, expect, test } from "bun:test";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { createValkeyConnection, type ValkeyConnection } from "@helpdesk/valkey/connection";
import { type PrivateValkey, startPrivateValkey } from "@helpdesk/valkey/testing/private-valkey";
import { logger } from "../logging/logger.ts";
import { createRealtimeEmitter, type RealtimeEmitter } from "../realtime/emitter.ts";
import { type ActiveUserCache, type ActiveUserRow, createActiveUserCache } from "./active-user-cache.ts";

// A Valkey of the test's own: one test stops and restarts it.
let redis: PrivateValkey;
let emitter: RealtimeEmitter;
const prefix = uniquePrefix("user-cache");
beforeAll(async () => {
  redis = await startPrivateValkey();
  emitter = createRealtimeEmitter(redis.url, prefix);
});
afterAll(async () => {
  await emitter.close();
  await redis.stop();
});

const ORG = "org-1";
const rowFor = (id: string, role: ActiveUserRow["role"] = "agent"): ActiveUserRow => ({
  id,
  organizationId: ORG,
  role,
  name: id,
  email: `${id}@example.test`,
  sessionsValidFrom: null,
  locale: "en",
  active: true,
});

/** A cache over an in-memory "table", counting its reads; `announced` sees each announcement after the cache did. */
async function cacheOver(
  table: Map<string, ActiveUserRow>,
  options: { ttlMs?: number; maxEntries?: number; pingEveryMs?: number } = {},
) {
  const reads: string[] = [];
  let loadGate: Promise<void> | undefined;
  const subscriber: ValkeyConnection = createValkeyConnection(redis.url, {
    name: "test:user-cache",
    maxRetriesPerRequest: null,
  });
  const cache: ActiveUserCache = createActiveUserCache({
    load: async (userId, organizationId) => {
      reads.push(userId);
      const row = table.get(userId);
      await loadGate;
      return row?.organizationId === organizationId ? { ...row } : undefined;
    },
    subscriber,
    keyPrefix: prefix,
    log: logger,
    ...options,
  });
  const announced: string[] = [];
  // Registered after the cache's own listener, so it runs after the cache has handled the message.
  subscriber.on("message", (_channel: string, userId: string) => announced.push(userId));
  await waitFor("the cache to subscribe", () => cache.enabled);
  return {
    cache,
    reads,
    announced,
    holdLoads: (gate: Promise<void>) => {
      loadGate = gate;
    },
    close: () => cache.close(),
  };
}

test("a cached user is read once; an announced change is read again", async () => {
  const table = new Map([["u1", rowFor("u1")]]);
  const { cache, reads, close } = await cacheOver(table);
  try {
    expect((await cache.get("u1", ORG))?.role).toBe("agent");
    expect((await cache.get("u1", ORG))?.role).toBe("agent");
    expect(reads).toEqual(["u1"]);

    table.set("u1", { ...rowFor("u1"), active: false });
    expect(await emitter.userChanged("u1")).toBe(true);
    expect((await cache.get("u1", ORG))?.active).toBe(false);
    expect(reads).toEqual(["u1", "u1"]);
  } finally {
    close();
  }
});

test("a cached user asked for under another organization is not found", async () => {
  const { cache, close } = await cacheOver(new Map([["u1", rowFor("u1")]]));
  try {
    expect(await cache.get("u1", ORG)).toBeDefined();
    expect(await cache.get("u1", "org-2")).toBeUndefined();
  } finally {
    close();
  }
});

test("a read under way when a change is announced is returned but not kept", async () => {
  const table = new Map([["u1", rowFor("u1")]]);
  const { cache, reads, announced, holdLoads, close } = await cacheOver(table);
  try {
    let release = () => {};
    holdLoads(new Promise<void>((resolve) => (release = resolve)));
    const early = cache.get("u1", ORG); // has read the old row, not yet returned it
    await waitFor("the read to start", () => reads.length === 1);
    table.set("u1", rowFor("u1", "admin"));
    await emitter.userChanged("u1");
    await waitFor("the announcement", () => announced.includes("u1"));
    release();
    expect((await early)?.role).toBe("agent");

    holdLoads(Promise.resolve());
    expect((await cache.get("u1", ORG))?.role).toBe("admin");
    expect(reads).toHaveLength(2);
  } finally {
    close();
  }
});

test("entries expire after the TTL even if nothing is announced", async () => {
  const { cache, reads, close } = await cacheOver(new Map([["u1", rowFor("u1")]]), { ttlMs: 50 });
  try {
    await cache.get("u1", ORG);
    await cache.get("u1", ORG);
    expect(reads).toHaveLength(1);
    await waitFor("the entry to expire", async () => (await cache.get("u1", ORG)) && reads.length === 2);
  } finally {
    close();
  }
});

test("the oldest entry makes room past the bound", async () => {
  const table = new Map(["a", "b", "c"].map((id) => [id, rowFor(id)]));
  const { cache, reads, close } = await cacheOver(table, { maxEntries: 2 });
  try {
    for (const id of ["a", "b", "c", "b", "c"]) await cache.get(id, ORG);
    expect(reads).toEqual(["a", "b", "c"]);
    await cache.get("a", ORG);
    expect(reads).toEqual(["a", "b", "c", "a"]);
  } finally {
    close();
  }
});

test("a connection that goes silent turns the cache off until pongs come back", async () => {
  const { cache, reads, close } = await cacheOver(new Map([["u1", rowFor("u1")]]), { pingEveryMs: 100 });
  const admin = createValkeyConnection(redis.url, { name: "test:pause" });
  try {
    await cache.get("u1", ORG);
    // Valkey stops answering every client for 1.5 s: the subscriber's socket stays open.
    await admin.call("CLIENT", "PAUSE", "1500", "ALL");
    await waitFor("the cache to turn off", () => !cache.enabled);
    await cache.get("u1", ORG);
    expect(reads).toHaveLength(2);
    await waitFor("the cache to turn on again", () => cache.enabled, { timeoutMs: 5_000 });
    await cache.get("u1", ORG); // dropped when the pongs resumed
    await cache.get("u1", ORG);
    expect(reads).toHaveLength(3);
  } finally {
    admin.disconnect();
    close();
  }
});

test("while Valkey is away every request reads; back, nothing kept from before is used", async () => {
  const table = new Map([["u1", rowFor("u1")]]);
  const { cache, reads, close } = await cacheOver(table);
  try {
    await cache.get("u1", ORG);
    expect(reads).toHaveLength(1);

    await redis.stop();
    await waitFor("the cache to turn off", () => !cache.enabled);
    // A change made now can't be announced: the cache must not answer from what it held.
    table.set("u1", { ...rowFor("u1"), active: false });
    expect((await cache.get("u1", ORG))?.active).toBe(false);
    expect((await cache.get("u1", ORG))?.active).toBe(false);
    expect(reads).toHaveLength(3);

    await redis.start();
    await waitFor("the cache to subscribe again", () => cache.enabled, { timeoutMs: 10_000 });
    table.set("u1", rowFor("u1", "admin"));
    expect((await cache.get("u1", ORG))?.role).toBe("admin");
    expect((await cache.get("u1", ORG))?.role).toBe("admin");
    expect(reads).toHaveLength(4);
  } finally {
    close();
  }
});

test("closing keeps nothing and reads through", async () => {
  const { cache, reads, close } = await cacheOver(new Map([["u1", rowFor("u1")]]));
  close();
  await cache.get("u1", ORG);
  await cache.get("u1", ORG);
  expect(reads).toHaveLength(2);
});
