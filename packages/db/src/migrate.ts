import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
// Any fixed numbers: several processes booting at once (API + workers, parallel test files) take
// turns, first to create the database (a lock in the maintenance database), then to migrate it.
const CREATE_LOCK = 72_640_100;
const MIGRATION_LOCK = 72_640_101;

/** Creates the database if it does not exist, then applies every pending migration, once. */
export async function migrateDatabase(url: string): Promise<void> {
  await ensureDatabaseExists(url);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Creates `<template>_<suffix>` as a copy of the (migrated) template database and returns its URL.
 * PostgreSQL refuses to copy a database someone is connected to; another process may be migrating
 * the template right now, so that refusal is retried for a while.
 */
export async function cloneDatabase(templateUrl: string, suffix: string): Promise<string> {
  const template = databaseName(templateUrl);
  const clone = `${template}_${suffix}`.replace(/[^a-zA-Z0-9_]/g, "_");
  await withMaintenance(templateUrl, async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database ${quoted(clone)} template ${quoted(template)}`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006"; // object_in_use
        if (!busy || attempt >= 100) throw error;
        await Bun.sleep(50 + Math.random() * 100);
      }
    }
  });
  const url = new URL(templateUrl);
  url.pathname = `/${clone}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  await withMaintenance(url, (admin) =>
    admin.unsafe(`drop database if exists ${quoted(databaseName(url))} with (force)`),
  );
}

/**
 * Two processes that both find the database missing would both create it, and the second fails on
 * pg_database's unique index (not with "already exists"): the check and the create run under a
 * lock, so exactly one creates it and the others find it.
 */
async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseName(url);
  await withMaintenance(url, async (admin) => {
    await admin`select pg_advisory_lock(${CREATE_LOCK})`;
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (row) return;
    await admin.unsafe(`create database ${quoted(name)}`).catch((error: { code?: string }) => {
      // Created meanwhile by something that doesn't take the lock (an operator, another tool).
      if (error.code !== "42P04" && error.code !== "23505") throw error;
    });
  });
}

/** Runs `work` on a one-connection client of the server's `postgres` database (closed after, locks with it). */
async function withMaintenance<T>(url: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

if (import.meta.main) {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk";
  await migrateDatabase(url);
  console.log(`migrations applied to ${databaseName(url)}`);
}
