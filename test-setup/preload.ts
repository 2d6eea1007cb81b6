/**
 * Runs before every test file (each `bun test --parallel` worker runs it for each file it takes).
 *
 * Tests never touch the development database or queues. The migrated template database
 * (TEST_DATABASE_URL, default `helpdesk_test`) is cloned into a database of this file's own, and
 * queue keys get a prefix of its own: the outbox relay of one file can never move another file's
 * events, and a test run can go on beside `bun run dev` and beside another test run.
 */
import { afterAll } from "bun:test";
import { cloneDatabase, dropDatabase, migrateDatabase } from "@helpdesk/db/migrate";
import { createValkeyConnection } from "@helpdesk/valkey/connection";

/** Every key this file's queues, rate limits and sockets left in the shared Valkey/Redis. */
async function deleteKeys(url: string, pattern: string) {
  const valkey = createValkeyConnection(url, { name: "helpdesk:test-cleanup" });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await valkey.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length > 0) await valkey.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    valkey.disconnect();
  }
}

const templateUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_test";
await migrateDatabase(templateUrl);
const suffix = `${process.pid}_${crypto.randomUUID().slice(0, 6)}`;
const databaseUrl = await cloneDatabase(templateUrl, suffix);
const queuePrefix = `hdtest-${suffix}`;
afterAll(async () => {
  await dropDatabase(databaseUrl);
  await deleteKeys(process.env.VALKEY_URL ?? "redis://127.0.0.1:6379", `${queuePrefix}*`);
});

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  QUEUE_PREFIX: queuePrefix,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  // Tests of the limits themselves lower them for their own server.
  AUTH_RATE_LIMIT_PER_MINUTE: "100000",
  LOGIN_FAILURES_PER_ACCOUNT: "100000",
  MESSAGES_PER_MINUTE: "100000",
});
