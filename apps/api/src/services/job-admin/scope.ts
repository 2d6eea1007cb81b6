import { organizationOfJobId } from "@helpdesk/jobs/job-ids";
import type { Queue } from "bullmq";
import type { JobAdminContext, JobScope } from "../../context/service-context.ts";
import { NotFoundError, UnavailableError } from "../../lib/errors.ts";

/**
 * The queue of that name this deployment runs; an unknown name is "not found", like an unknown id.
 * While Valkey is unreachable: 503 at once, rather than a command waiting on a dead connection.
 */
export function queueFor(ctx: JobAdminContext, name: string): Queue {
  if (!ctx.jobs.hasQueue(name)) throw new NotFoundError("Queue");
  if (!ctx.jobs.reachable) throw new UnavailableError("The job queues are unreachable; retry shortly");
  return ctx.jobs.queue(name);
}

/** The operator sees every job; an organization's admin only jobs whose id carries their organization. */
export function canSeeJob(scope: JobScope, jobId: string): boolean {
  return scope.kind === "operator" || organizationOfJobId(jobId) === scope.organizationId;
}

/** Who is recorded as having retried something. */
export const retriedBy = (scope: JobScope) => (scope.kind === "operator" ? "operator" : scope.userId);

/**
 * What an organization's admin may see of a failure: no stack traces, and no raw database error
 * (it carries SQL and parameters). The operator sees everything.
 */
export function failureForScope(scope: JobScope, message: string | null, stack: string | null) {
  if (scope.kind === "operator") return { message, stack };
  const internal = message !== null && /failed query|params:|\bsql\b/i.test(message);
  return {
    message: internal ? "Internal error; the platform operator can see the details" : message,
    stack: null,
  };
}

/** Every queue this deployment runs, or 503 at once while Valkey is unreachable. */
export function allQueuesFor(ctx: JobAdminContext): Queue[] {
  if (!ctx.jobs.reachable) throw new UnavailableError("The job queues are unreachable; retry shortly");
  return ctx.jobs.allQueues();
}
