import type { Executor } from "@helpdesk/db/client";
import type { Locale, UserRole } from "@helpdesk/db/schema";
import type { AfterCommit } from "@helpdesk/db/transaction";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobRuntime } from "@helpdesk/jobs/runtime";
import type { Logger } from "./logger.ts";

export type ProductJobs = JobRuntime<ProductCatalog>;

/** The authenticated user a request runs as. */
export interface Actor {
  id: string;
  organizationId: string;
  role: UserRole;
  name: string;
  email: string;
  locale: Locale;
}

/**
 * What a service needs when nobody in particular is acting (job handlers, sign-up): where to read
 * and write, how to enqueue jobs, where to log. `afterCommit` is set inside a transaction.
 */
export interface SystemContext {
  db: Executor;
  jobs: ProductJobs;
  log: Logger;
  afterCommit?: AfterCommit;
}

/** What every request-driven service receives: the system context plus who is acting. */
export interface ServiceContext extends SystemContext {
  actor: Actor;
}

/** For the few services that run before anyone is authenticated (sign-up, log-in). */
export type PublicContext = SystemContext;

/** Who may see job-system data: one organization's admin, or the platform operator (everything). */
export type JobScope =
  | { kind: "operator" }
  | { kind: "organization"; organizationId: string; userId: string };

export interface JobAdminContext extends SystemContext {
  scope: JobScope;
}

export const isStaff = (actor: Pick<Actor, "role">) => actor.role === "agent" || actor.role === "admin";
