import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

/**
 * Runs `fn` in a transaction, reusing the caller's transaction when `ctx.db` already is one, so a
 * service can be called on its own or as one step of a larger unit of work.
 */
export async function withTransaction<C extends { db: Executor }, T>(
  ctx: C,
  fn: (txCtx: C) => Promise<T>,
): Promise<T> {
  if (ctx.db instanceof PgTransaction) return fn(ctx);
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}
