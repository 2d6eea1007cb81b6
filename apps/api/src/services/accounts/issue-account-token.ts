import { type AccountTokenPurpose, accountTokens } from "@helpdesk/db/schema";
import { ACCOUNT_TOKEN_TTL_MS, newAccountToken } from "../../auth/account-tokens.ts";
import type { ServiceContext } from "../../context/service-context.ts";

/**
 * Writes a link's token row and the e-mail job that sends it, in the caller's transaction: the
 * e-mail goes out once the row is committed, and never for a row that was rolled back.
 */
export async function issueAccountToken(
  ctx: Pick<ServiceContext, "db" | "jobs" | "afterCommit" | "tokens">,
  user: { id: string; organizationId: string },
  purpose: AccountTokenPurpose,
) {
  const tokenId = Bun.randomUUIDv7();
  const { tokenHash } = newAccountToken(ctx.tokens.secret, tokenId);
  await ctx.db.insert(accountTokens).values({
    id: tokenId,
    organizationId: user.organizationId,
    userId: user.id,
    purpose,
    tokenHash,
    expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_TTL_MS[purpose]),
  });
  await ctx.jobs.publish(ctx, "email.account", {
    organizationId: user.organizationId,
    userId: user.id,
    tokenId,
    purpose,
  });
  return tokenId;
}
