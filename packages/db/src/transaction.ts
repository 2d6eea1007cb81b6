import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

/** Registers work to run once the outermost transaction has committed (never on rollback). */
export type AfterCommit = (hook: () => void) => void;

/**
 * Runs `fn` in a transaction, reusing the caller's transaction when `ctx.db` already is one, so a
 * service can be called on its own or as one step of a larger unit of work. Hooks registered
 * through `afterCommit` run after the outermost commit: that is when an outbox row becomes visible
 * to the relay.
 */
export async function withTransaction<C extends { db: Executor; afterCommit?: AfterCommit }, T>(
  ctx: C,
  fn: (txCtx: C) => Promise<T>,
): Promise<T> {
  if (ctx.db instanceof PgTransaction) return fn(ctx);
  const hooks: (() => void)[] = [];
  const result = await ctx.db.transaction((tx) =>
    fn({ ...ctx, db: tx, afterCommit: (hook) => hooks.push(hook) }),
  );
  for (const hook of hooks) hook();
  return result;
}
