import type { Database } from "@helpdesk/db/client";
import { users } from "@helpdesk/db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Request } from "express";
import { UnauthorizedError } from "../lib/errors.ts";
import type { ActiveUserCache, ActiveUserRow } from "./active-user-cache.ts";
import type { Actor } from "./actor.ts";
import { type VerifiedToken, verifyToken } from "./tokens.ts";

/**
 * Resolves the bearer token to the acting user. The user row comes from the process's user cache,
 * which drops a user as soon as a change to them is announced, so a deactivation or a role change
 * takes effect at once rather than when the token expires (active-user-cache.ts).
 */
export async function authenticate(req: Request, users: ActiveUserCache, secret: string): Promise<Actor> {
  const header = req.get("authorization");
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw new UnauthorizedError("Missing bearer token");
  const claims = await verifyToken(token, secret);
  return activeActor(await users.get(claims.userId, claims.organizationId), claims);
}

/** The active user a verified token names, read from PostgreSQL (socket handshakes, cache misses). */
export async function loadActiveUser(db: Database, claims: VerifiedToken): Promise<Actor> {
  return activeActor(await readActiveUser(db, claims.userId, claims.organizationId), claims);
}

function activeActor(user: ActiveUserRow | undefined, claims: VerifiedToken): Actor {
  if (!user?.active) throw new UnauthorizedError("This account is not active");
  const { active: _active, sessionsValidFrom, ...actor } = user;
  // `iat` has whole seconds: a token of the reset's own second still counts as after it.
  if (
    sessionsValidFrom &&
    claims.issuedAt.getTime() < Math.floor(sessionsValidFrom.getTime() / 1000) * 1000
  ) {
    throw new UnauthorizedError("This session has ended (the password was reset); log in again");
  }
  return actor;
}

/** The user row a token names, if it is still in the token's organization. */
export async function readActiveUser(
  db: Database,
  userId: string,
  organizationId: string,
): Promise<ActiveUserRow | undefined> {
  let query = activeUserQueries.get(db);
  if (!query) {
    query = prepareActiveUserQuery(db);
    activeUserQueries.set(db, query);
  }
  const [user] = await query.execute({ userId, organizationId });
  return user;
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
      sessionsValidFrom: users.sessionsValidFrom,
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
