import type { Database } from "@helpdesk/db/client";
import { users } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import type { Request } from "express";
import type { Actor } from "../context.ts";
import { UnauthorizedError } from "../errors.ts";
import { type TokenClaims, verifyToken } from "../services/auth/tokens.ts";

/**
 * Resolves the bearer token to the acting user. The user row is read on every request, so a
 * deactivation or a role change takes effect at once rather than when the token expires.
 */
export async function authenticate(req: Request, db: Database, secret: string): Promise<Actor> {
  const header = req.get("authorization");
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new UnauthorizedError("Missing bearer token");
  return loadActiveUser(db, await verifyToken(token, secret));
}

/** The active user a verified token names (HTTP requests and socket handshakes alike). */
export async function loadActiveUser(db: Database, claims: TokenClaims): Promise<Actor> {
  const [user] = await db
    .select({
      id: users.id,
      organizationId: users.organizationId,
      role: users.role,
      name: users.name,
      email: users.email,
      locale: users.locale,
      active: users.active,
    })
    .from(users)
    .where(and(eq(users.id, claims.userId), eq(users.organizationId, claims.organizationId)))
    .limit(1);
  if (!user?.active) throw new UnauthorizedError("This account is not active");
  const { active: _active, ...actor } = user;
  return actor;
}
