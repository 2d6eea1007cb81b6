import { SQL } from "bun";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleBunSql } from "drizzle-orm/bun-sql";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgresJs } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** Whichever driver runs underneath: services only use what both drivers share. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** The database or an open transaction: services take either, so they compose inside one transaction. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  close(): Promise<void>;
}

/**
 * Bun's native PostgreSQL client (drizzle's bun-sql) by default: in the event → socket benchmark
 * the API and worker sustained 5–10× lower latency at 100–150 events/s than on postgres.js
 * (docs/jobs.md), and the whole suite, PostgreSQL crash/restart included, passes on both.
 * DATABASE_DRIVER=postgres-js selects postgres.js, the driver the architecture started with.
 */
export function createDatabase(url: string, options: { max?: number } = {}): DatabaseHandle {
  if (process.env.DATABASE_DRIVER !== "postgres-js") {
    const client = new SQL(url, { max: options.max ?? 10, connectionTimeout: 5 });
    return { db: drizzleBunSql({ client, schema, casing: "snake_case" }), close: () => client.close() };
  }
  const client = postgres(url, {
    max: options.max ?? 10,
    // Notices (e.g. "extension already exists") are not errors; keep them out of the logs.
    onnotice: () => {},
    connect_timeout: 5,
  });
  return {
    db: drizzlePostgresJs({ client, schema, casing: "snake_case" }),
    close: () => client.end({ timeout: 5 }),
  };
}
