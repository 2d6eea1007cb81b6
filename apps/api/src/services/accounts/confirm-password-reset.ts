import { accountTokens, organizations, users } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { hashAccountToken } from "../../auth/account-tokens.ts";
import { hashPassword } from "../../auth/passwords.ts";
import type { PublicContext } from "../../context/service-context.ts";
import { AppError } from "../../lib/errors.ts";
import { password } from "../../schemas/common.ts";

export const confirmPasswordResetInput = z.object({
  token: z.string().min(1).max(200),
  password,
});

const invalidToken = () =>
  new AppError(
    400,
    "invalid_token",
    "This link is invalid, has expired or has already been used; ask for a new one",
  );

/**
 * Sets a new password from a welcome or reset link. The token is claimed (marked used) by the same
 * statement that checks it, so two requests racing with one link change the password once; every
 * other link still out for the user stops working in the same transaction. The account's count of
 * wrong passwords is cleared, as a right password would. Whoever held the account is logged out:
 * bearer tokens issued before the reset are refused from then on, and open sockets are closed.
 */
export async function confirmPasswordReset(
  ctx: PublicContext,
  input: z.output<typeof confirmPasswordResetInput>,
): Promise<void> {
  const tokenHash = hashAccountToken(input.token);
  const usable = and(
    eq(accountTokens.tokenHash, tokenHash),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, sql`now()`),
  );
  // A forged or dead link is refused before the (deliberately slow) password hash is paid for.
  const [known] = await ctx.db.select({ id: accountTokens.id }).from(accountTokens).where(usable);
  if (!known) throw invalidToken();
  const passwordHash = await hashPassword(input.password);
  const account = await withTransaction(ctx, async ({ db }) => {
    const [claimed] = await db
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(usable)
      .returning({ userId: accountTokens.userId, organizationId: accountTokens.organizationId });
    if (!claimed) throw invalidToken();
    const [user] = await db
      .update(users)
      .set({ passwordHash, sessionsValidFrom: sql`now()` })
      .from(organizations)
      .where(
        and(
          eq(users.id, claimed.userId),
          eq(users.organizationId, claimed.organizationId),
          eq(users.active, true),
          eq(organizations.id, users.organizationId),
        ),
      )
      .returning({ id: users.id, email: users.email, organizationSlug: organizations.slug });
    // A deactivated user's link sets nothing (and the claim rolls back with this).
    if (!user) throw invalidToken();
    await db
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.userId, user.id), isNull(accountTokens.usedAt)));
    return { ...user, organizationId: claimed.organizationId };
  });
  await ctx.loginFailures.reset(`${account.organizationSlug}:${account.email.toLowerCase()}`);
  ctx.realtime.disconnectUser(account.id);
  // Every API process drops its cached row, so the next request with an old token is refused.
  if (!(await ctx.realtime.userChanged(account.id))) {
    ctx.log.warn({ userId: account.id }, "password reset not announced; API processes' caches expire it");
  }
  ctx.log.info({ userId: account.id, organizationId: account.organizationId }, "password reset");
}
