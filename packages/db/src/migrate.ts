import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
// Any fixed number: several processes booting at once (API + workers, parallel test files) take turns.
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
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  const clone = `${template}_${suffix}`.replace(/[^a-zA-Z0-9_]/g, "_");
  const admin = postgres(maintenanceUrl(templateUrl), { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${clone}" template "${template}"`);
        break;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006"; // object_in_use
        if (!busy || attempt >= 100) throw error;
        await Bun.sleep(50 + Math.random() * 100);
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(templateUrl);
  url.pathname = `/${clone}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function maintenanceUrl(url: string): string {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  return maintenance.toString();
}

async function ensureDatabaseExists(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (row) return;
    await admin
      .unsafe(`create database "${name.replaceAll('"', '""')}"`)
      .catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created meanwhile by a concurrent boot
      });
  } finally {
    await admin.end({ timeout: 5 });
  }
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk";
  await migrateDatabase(url);
  console.log(`migrations applied to ${new URL(url).pathname.slice(1)}`);
}
