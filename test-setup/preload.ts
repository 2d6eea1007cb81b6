/**
 * Runs before every test file (each `bun test --parallel` worker runs it too).
 *
 * Tests never touch the development database or queues: they use TEST_DATABASE_URL (default
 * `helpdesk_test`, created and migrated here) and a queue/key prefix unique to this process, so a
 * test run can go on beside `bun run dev` and beside another test run on the same PostgreSQL/Redis.
 */
import { migrateDatabase } from "@helpdesk/db/migrate";

const databaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_test";
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  QUEUE_PREFIX: `hdtest-${process.pid}-${crypto.randomUUID().slice(0, 8)}`,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  AUTH_RATE_LIMIT_PER_MINUTE: "100000",
});
await migrateDatabase(databaseUrl);
