import type { Executor } from "@helpdesk/db/client";
import { organizations, users } from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { z } from "zod";
import { hashPassword } from "../../auth/passwords.ts";
import { signToken } from "../../auth/tokens.ts";
import type { PublicContext } from "../../context/service-context.ts";
import { email, password, personName } from "../../schemas/common.ts";

export const signUpInput = z.object({
  organizationName: z.string().trim().min(1).max(100),
  name: personName,
  email,
  password,
});

/** Creates an organization and its first admin, and logs that admin in. */
export async function signUp(ctx: PublicContext, input: z.output<typeof signUpInput>) {
  const passwordHash = await hashPassword(input.password);
  const { organization, user } = await withTransaction(ctx, async ({ db }) => {
    const organization = await insertWithFreeSlug(db, input.organizationName);
    const [user] = await db
      .insert(users)
      .values({
        organizationId: organization.id,
        role: "admin",
        name: input.name,
        email: input.email,
        passwordHash,
      })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    return { organization, user };
  });
  ctx.log.info({ organizationId: organization.id, userId: user.id }, "organization signed up");
  const token = await signToken(
    { userId: user.id, organizationId: organization.id },
    ctx.tokens.secret,
    ctx.tokens.expiresIn,
  );
  return { token, user, organization };
}

/**
 * `Acme Inc.` → slug `acme-inc`; when taken, `acme-inc-3f9a1c`. The unique index decides, so two
 * sign-ups racing for one name both succeed with different slugs.
 */
async function insertWithFreeSlug(db: Executor, name: string) {
  const base = slugify(name);
  for (const slug of [
    base,
    ...Array.from({ length: 4 }, () => `${base}-${crypto.randomUUID().slice(0, 6)}`),
  ]) {
    const [organization] = await db
      .insert(organizations)
      .values({ name, slug })
      .onConflictDoNothing({ target: organizations.slug })
      .returning();
    if (organization) return organization;
  }
  throw new Error(`no free slug for organization name ${JSON.stringify(name)}`);
}

const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "org";
