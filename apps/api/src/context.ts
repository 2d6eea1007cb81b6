import type { Executor } from "@helpdesk/db/client";
import type { Locale, UserRole } from "@helpdesk/db/schema";
import type { Logger } from "./logger.ts";

/** The authenticated user a request (or a job acting on their behalf) runs as. */
export interface Actor {
  id: string;
  organizationId: string;
  role: UserRole;
  name: string;
  email: string;
  locale: Locale;
}

/** What every service receives: where to read and write, who is acting, and where to log. */
export interface ServiceContext {
  db: Executor;
  actor: Actor;
  log: Logger;
}

/** For the few services that run before anyone is authenticated (sign-up, log-in). */
export type PublicContext = Omit<ServiceContext, "actor">;

export const isStaff = (actor: Actor) => actor.role === "agent" || actor.role === "admin";
