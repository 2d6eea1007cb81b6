import { organizations, users } from "@helpdesk/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "../../auth/passwords.ts";
import { signToken } from "../../auth/tokens.ts";
import type { PublicContext } from "../../context/service-context.ts";
import { UnauthorizedError } from "../../lib/errors.ts";
import { email } from "../../schemas/common.ts";

export const logInInput = z.object({
  organizationSlug: z.string().trim().toLowerCase().min(1).max(100),
  email,
  password: z.string().min(1).max(200),
});

/** One answer for unknown organization, unknown e-mail, wrong password and inactive user: no enumeration. */
export async function logIn(ctx: PublicContext, input: z.output<typeof logInInput>) {
  const [user] = await ctx.db
    .select({ user: users })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(organizations.slug, input.organizationSlug), eq(sql`lower(${users.email})`, input.email)))
    .limit(1);
  const valid = user
    ? await verifyPassword(input.password, user.user.passwordHash)
    : await burnPasswordCheck(input.password);
  if (!user || !valid || !user.user.active)
    throw new UnauthorizedError("Invalid organization, e-mail or password");
  const token = await signToken(
    { userId: user.user.id, organizationId: user.user.organizationId },
    ctx.tokens.secret,
    ctx.tokens.expiresIn,
  );
  return { token, user: user.user };
}
