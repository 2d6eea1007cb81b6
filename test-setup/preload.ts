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

const templateUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_test";
await migrateDatabase(templateUrl);
const suffix = `${process.pid}_${crypto.randomUUID().slice(0, 6)}`;
const databaseUrl = await cloneDatabase(templateUrl, suffix);
afterAll(() => dropDatabase(databaseUrl));

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  QUEUE_PREFIX: `hdtest-${suffix}`,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  AUTH_RATE_LIMIT_PER_MINUTE: "100000",
});
