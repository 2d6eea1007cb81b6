import { locales, userRoles, users } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { z } from "zod";
import { hashPassword } from "../../auth/passwords.ts";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError } from "../../lib/errors.ts";
import { email, password, personName } from "../../schemas/common.ts";
import { issueAccountToken } from "../accounts/issue-account-token.ts";

export const createUserInput = z.object({
  name: personName,
  email,
  /** Optional: the welcome e-mail's link lets the new user choose their own. */
  password: password.optional(),
  role: z.enum(userRoles),
  locale: z.enum(locales).default("en"),
});

/**
 * An admin adds a user to their own organization; the user is e-mailed a welcome with a link to
 * set their password. Without a password, the account can't be logged into until they do: its
 * hash is of a random secret nobody knows.
 */
export async function createUser(ctx: ServiceContext, input: z.output<typeof createUserInput>) {
  const passwordHash = await hashPassword(input.password ?? crypto.randomUUID() + crypto.randomUUID());
  const user = await withTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .insert(users)
      .values({ ...input, passwordHash, organizationId: ctx.actor.organizationId })
      .onConflictDoNothing()
      .returning();
    if (!user) throw new ConflictError("A user with this e-mail already exists in this organization");
    await issueAccountToken(tx, user, "welcome");
    return user;
  });
  ctx.log.info({ createdUserId: user.id, role: user.role }, "user created");
  return user;
}
