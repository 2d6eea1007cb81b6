import { env } from "@helpdesk/config/env";
import type { Database } from "@helpdesk/db/client";
import { type Locale, organizations, type User, type UserRole, users } from "@helpdesk/db/schema";
import { hashPassword } from "../auth/passwords.ts";
import { signToken } from "../auth/tokens.ts";

export const TEST_PASSWORD = "correct-horse-battery";
// Hashed once per process: argon2id is deliberately slow, and fixtures make many users.
const passwordHash = hashPassword(TEST_PASSWORD);

export interface TestUser extends User {
  token: string;
}

export interface TestOrg {
  id: string;
  slug: string;
  admin: TestUser;
  agent: TestUser;
  agent2: TestUser;
  customer: TestUser;
  customer2: TestUser;
  addUser(role: UserRole, extra?: { locale?: Locale; active?: boolean; name?: string }): Promise<TestUser>;
}

/** A fresh organization with an admin, two agents and two customers, each with a valid token. */
export async function createTestOrg(db: Database, name = "Test Org"): Promise<TestOrg> {
  const slug = `t-${crypto.randomUUID().slice(0, 12)}`;
  const [org] = await db.insert(organizations).values({ name, slug }).returning();
  if (!org) throw new Error("test organization insert returned nothing");
  let n = 0;
  const addUser: TestOrg["addUser"] = async (role, extra = {}) => {
    n += 1;
    const [user] = await db
      .insert(users)
      .values({
        organizationId: org.id,
        role,
        name: extra.name ?? `${role} ${n}`,
        email: `${role}${n}@${slug}.test`,
        passwordHash: await passwordHash,
        locale: extra.locale ?? "en",
        active: extra.active ?? true,
      })
      .returning();
    if (!user) throw new Error("test user insert returned nothing");
    return { ...user, token: await tokenFor(user) };
  };
  return {
    id: org.id,
    slug,
    admin: await addUser("admin"),
    agent: await addUser("agent"),
    agent2: await addUser("agent"),
    customer: await addUser("customer"),
    customer2: await addUser("customer"),
    addUser,
  };
}

export function tokenFor(user: Pick<User, "id" | "organizationId">, expiresIn = env().JWT_EXPIRES_IN) {
  return signToken({ userId: user.id, organizationId: user.organizationId }, env().JWT_SECRET, expiresIn);
}
