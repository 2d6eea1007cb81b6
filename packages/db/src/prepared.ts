import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

interface Runnable<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

const built = new WeakMap<object, Map<string, Runnable<unknown>>>();

/**
 * Runs a statement Drizzle builds once per database and reuses, with its `sql.placeholder`s
 * filled from `values`. Building a statement (walking its SQL, naming columns) is CPU on every
 * call, and a hot path's large statement (the fan-out's relational read, a reply's CTEs) cost more
 * to build than to run (bench/RESULTS.md). Inside a transaction it is built anew: a statement
 * built on the database would run outside the transaction.
 */
export function runPrepared<R>(
  db: Executor,
  name: string,
  build: (db: Executor) => { prepare(name: string): Runnable<R> },
  values: Record<string, unknown>,
): Promise<R> {
  if (is(db, PgTransaction)) return build(db).prepare(name).execute(values);
  let statements = built.get(db);
  if (!statements) {
    statements = new Map();
    built.set(db, statements);
  }
  let statement = statements.get(name) as Runnable<R> | undefined;
  if (!statement) {
    statement = build(db).prepare(name);
    statements.set(name, statement);
  }
  return statement.execute(values);
}
