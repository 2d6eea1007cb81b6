import type { Executor } from "@helpdesk/db/client";
import type { AfterCommit } from "@helpdesk/db/transaction";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { JobRuntime } from "@helpdesk/jobs/runtime";
import type { Actor } from "../auth/actor.ts";
import type { RateLimit } from "../auth/rate-limits.ts";
import type { TokenSettings } from "../auth/tokens.ts";
import type { Logger } from "../logging/logger.ts";
import type { RealtimeEmitter } from "../realtime/emitter.ts";
import type { ExportSettings } from "../storage/export-settings.ts";

export type ProductJobs = JobRuntime<ProductCatalog>;

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
  /** The API's signing settings: account links (the welcome e-mail's) are keyed with its secret. */
  tokens: TokenSettings;
  /** Export storage and link signing (the exports' routes show download links). */
  exports: ExportSettings;
}

/** For the few services that run before anyone is authenticated (sign-up, log-in): they issue tokens. */
export interface PublicContext extends SystemContext {
  tokens: TokenSettings;
  /** Wrong passwords per account (organization + e-mail), from any address. */
  loginFailures: RateLimit;
}

/** Who may see job-system data: one organization's admin, or the platform operator (everything). */
export type JobScope =
  | { kind: "operator" }
  | { kind: "organization"; organizationId: string; userId: string };

export interface JobAdminContext extends SystemContext {
  scope: JobScope;
}
