import { locales, userRoles, users } from "@helpdesk/db/schema";
import { z } from "zod";
import { hashPassword } from "../../auth/passwords.ts";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError } from "../../lib/errors.ts";
import { email, password, personName } from "../../schemas/common.ts";

export const createUserInput = z.object({
  name: personName,
  email,
  password,
  role: z.enum(userRoles),
  locale: z.enum(locales).default("en"),
});

/** An admin adds a user to their own organization. */
export async function createUser(ctx: ServiceContext, input: z.output<typeof createUserInput>) {
  const passwordHash = await hashPassword(input.password);
  const [user] = await ctx.db
    .insert(users)
    .values({ ...input, passwordHash, organizationId: ctx.actor.organizationId })
    .onConflictDoNothing()
    .returning();
  if (!user) throw new ConflictError("A user with this e-mail already exists in this organization");
  ctx.log.info({ createdUserId: user.id, role: user.role }, "user created");
  return user;
}
