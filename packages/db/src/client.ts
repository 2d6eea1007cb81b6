import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
/** The database or an open transaction: services take either, so they compose inside one transaction. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  close(): Promise<void>;
}

/** PostgreSQL through postgres.js, the one driver of the runtime (bench/RESULTS.md, "One driver"). */
export function createDatabase(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    // Notices (e.g. "extension already exists") are not errors; keep them out of the logs.
    onnotice: () => {},
    connect_timeout: 5,
  });
  return {
    db: drizzle({ client: preparingEverything(client), schema, casing: "snake_case" }),
    // By the time a process closes its pool, its requests and jobs have drained, so queries still
    // open are stuck: postgres.js's end() never settles after a connection was lost to a server
    // crash (porsager/postgres#1097) and only its timeout ends it, so that timeout is short.
    close: () => client.end({ timeout: 1 }),
  };
}

/**
 * Drizzle asks postgres.js to prepare only the queries built with `.prepare(name)`; every other
 * query went unnamed, which postgres.js sends as Parse + Describe, waits for the answer, then
 * Bind + Execute: a second round trip, and PostgreSQL parsing and planning the statement on every
 * call. Prepared, each distinct statement is parsed once per connection and then only bound. The
 * statement cache lives as long as its connection (postgres.js recycles connections, max_lifetime),
 * which bounds what statements of varying text (an `IN` list of varying length) can pile up.
 */
function preparingEverything(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (property === "begin" || property === "savepoint") {
        // A transaction's queries run on the client its callback gets: that one prepares too.
        return (...args: unknown[]) => {
          const callback = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
          const head = args.slice(0, -1);
          const open = Reflect.get(target, property) as (...args: unknown[]) => unknown;
          return open.call(target, ...head, (tx: postgres.Sql) => callback(preparingEverything(tx) as never));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
