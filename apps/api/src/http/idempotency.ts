import { createHash } from "node:crypto";
import { idempotencyKeys } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq, lt, sql } from "drizzle-orm";
import type { ServiceContext } from "../context/service-context.ts";
import { AppError, ValidationError } from "../lib/errors.ts";

/** How long a key's first answer is kept and replayed. */
const KEEP_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  key: string;
  /** What the request asks for (route, parameters, body): a key may only ever mean one. */
  fingerprint: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
  /** True when this is the stored answer of an earlier request under the same key. */
  replayed: boolean;
}

/**
 * Runs a creating request once per `Idempotency-Key` (per organization and user): the work and
 * the stored answer commit in one transaction, so a request that died after its commit (a client
 * that never got its 201) is answered again on retry, and a request that failed stored nothing and
 * runs again. Two requests racing with one key: the second's row waits for the first's commit, then
 * its own work is rolled back and it gets the first's answer. The same key with another request: 422.
 */
export async function runIdempotently(
  ctx: ServiceContext,
  request: IdempotentRequest,
  status: number,
  run: (txCtx: ServiceContext) => Promise<unknown>,
): Promise<Answer> {
  if (!KEY.test(request.key)) {
    throw ValidationError.field("header", "Idempotency-Key", "must be 1 to 255 visible ASCII characters");
  }
  const requestHash = createHash("sha256").update(JSON.stringify(request.fingerprint)).digest("base64url");
  const mine = and(
    eq(idempotencyKeys.organizationId, ctx.actor.organizationId),
    eq(idempotencyKeys.userId, ctx.actor.id),
    eq(idempotencyKeys.key, request.key),
  );
  const stored = async () => {
    const [row] = await ctx.db.select().from(idempotencyKeys).where(mine);
    return row;
  };
  const replay = (row: NonNullable<Awaited<ReturnType<typeof stored>>>): Answer => {
    if (row.requestHash !== requestHash) {
      throw new AppError(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request",
      );
    }
    return { status: row.statusCode, body: row.response, replayed: true };
  };

  await ctx.db.delete(idempotencyKeys).where(and(mine, lt(idempotencyKeys.createdAt, expiry())));
  const earlier = await stored();
  if (earlier) return replay(earlier);
  try {
    return await withTransaction(ctx, async (tx) => {
      const body = await run(tx);
      const [kept] = await tx.db
        .insert(idempotencyKeys)
        .values({
          organizationId: ctx.actor.organizationId,
          userId: ctx.actor.id,
          key: request.key,
          requestHash,
          statusCode: status,
          response: body,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!kept) throw new LostRace();
      return { status, body, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    const winner = await stored();
    if (!winner)
      throw new AppError(409, "conflict", "A request with this Idempotency-Key is in progress; retry");
    return replay(winner);
  }
}

/** Another request stored its answer under the key first: this one's work is rolled back. */
class LostRace extends Error {}

const expiry = () => sql`now() - make_interval(hours => ${KEEP_HOURS})`;
