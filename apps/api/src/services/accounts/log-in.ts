import { organizations, users } from "@helpdesk/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "../../auth/passwords.ts";
import type { Window } from "../../auth/rate-limits.ts";
import { signToken } from "../../auth/tokens.ts";
import type { PublicContext } from "../../context/service-context.ts";
import { UnauthorizedError } from "../../lib/errors.ts";
import { email } from "../../schemas/common.ts";

export const logInInput = z.object({
  organizationSlug: z.string().trim().toLowerCase().min(1).max(100),
  email,
  password: z.string().min(1).max(200),
});

/**
 * One answer for unknown organization, unknown e-mail, wrong password and inactive user: no
 * enumeration. An account (organization + e-mail, whether it exists or not) that has had too many
 * wrong passwords lately is refused with 429 before its password is even checked, from any address:
 * a guesser gains nothing by spreading over many addresses. A right password clears the count.
 */
export async function logIn(ctx: PublicContext, input: z.output<typeof logInInput>) {
  const account = `${input.organizationSlug}:${input.email}`;
  ctx.loginFailures.refuseIfOver(
    bumped(await ctx.loginFailures.peek(account)),
    "Too many failed log-ins for this account; try again later",
  );
  const [user] = await ctx.db
    .select({ user: users })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(organizations.slug, input.organizationSlug), eq(sql`lower(${users.email})`, input.email)))
    .limit(1);
  const valid = user
    ? await verifyPassword(input.password, user.user.passwordHash)
    : await burnPasswordCheck(input.password);
  if (!user || !valid || !user.user.active) {
    await ctx.loginFailures.hit(account);
    throw new UnauthorizedError("Invalid organization, e-mail or password");
  }
  await ctx.loginFailures.reset(account);
  const token = await signToken(
    { userId: user.user.id, organizationId: user.user.organizationId },
    ctx.tokens.secret,
    ctx.tokens.expiresIn,
  );
  return { token, user: user.user };
}

/** This attempt counted in: the limit refuses once the failures so far reach it. */
const bumped = (window: Window | undefined) => window && { ...window, count: window.count + 1 };
