import type { Database } from "@helpdesk/db/client";
import { users } from "@helpdesk/db/schema";
import { and, eq, sql } from "drizzle-orm";
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
  let query = activeUserQueries.get(db);
  if (!query) {
    query = prepareActiveUserQuery(db);
    activeUserQueries.set(db, query);
  }
  const [user] = await query.execute({ userId: claims.userId, organizationId: claims.organizationId });
  if (!user?.active) throw new UnauthorizedError("This account is not active");
  const { active: _active, ...actor } = user;
  return actor;
}

/**
 * Built once per database: this runs on every request, and building it with drizzle's query
 * builder each time cost the API more CPU than the database spent answering it.
 */
const activeUserQueries = new WeakMap<Database, ReturnType<typeof prepareActiveUserQuery>>();

function prepareActiveUserQuery(db: Database) {
  return db
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
    .where(
      and(
        eq(users.id, sql.placeholder("userId")),
        eq(users.organizationId, sql.placeholder("organizationId")),
      ),
    )
    .limit(1)
    .prepare("load_active_user");
}
