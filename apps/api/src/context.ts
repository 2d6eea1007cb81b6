import type { Executor } from "@helpdesk/db/client";
import type { Locale, UserRole } from "@helpdesk/db/schema";
import type { AfterCommit } from "@helpdesk/db/transaction";
import type { EmailTransport } from "@helpdesk/email/transport";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobRuntime } from "@helpdesk/jobs/runtime";
import type { Logger } from "./logger.ts";
import type { RealtimeEmitter } from "./realtime/emitter.ts";
import type { MessageEmailWaits } from "./services/email/message-email-waits.ts";

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
  /** Socket.IO from any process, through Valkey. */
  realtime: RealtimeEmitter;
  afterCommit?: AfterCommit;
}

/** What every request-driven service receives: the system context plus who is acting. */
export interface ServiceContext extends SystemContext {
  actor: Actor;
}

/** How bearer tokens are signed; from the app's config, not the process env, so each app signs with its own. */
export interface TokenSettings {
  secret: string;
  expiresIn: string;
}

/** For the few services that run before anyone is authenticated (sign-up, log-in): they issue tokens. */
export interface PublicContext extends SystemContext {
  tokens: TokenSettings;
}

/** Who may see job-system data: one organization's admin, or the platform operator (everything). */
export type JobScope =
  | { kind: "operator" }
  | { kind: "organization"; organizationId: string; userId: string };

export interface JobAdminContext extends SystemContext {
  scope: JobScope;
}

/** Where e-mails go out and how they are paced (from the app's config). */
export interface EmailSettings {
  transport: EmailTransport;
  from: string;
  /** Base of the links in e-mails (the web app). */
  appUrl: string;
  /** Quiet time before a burst of replies is e-mailed, and the longest a burst may wait. */
  debounceMs: number;
  maxWaitMs: number;
}

/** What job handlers get: the system context plus e-mail. */
export interface WorkerContext extends SystemContext {
  email: EmailSettings;
  /** This process's knowledge of pending message-e-mail waits (services/email/message-email-waits.ts). */
  messageEmailWaits: MessageEmailWaits;
}

export const isStaff = (actor: Pick<Actor, "role">) => actor.role === "agent" || actor.role === "admin";
