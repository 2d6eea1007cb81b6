import { deadLetterJobs } from "@helpdesk/db/schema";
import { jobIdFor, organizationOfPayload } from "@helpdesk/jobs/job-ids";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { JobAdminContext } from "../../context/service-context.ts";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../../lib/errors.ts";
import { retriedBy } from "./scope.ts";

export const retryDeadLetterInput = z
  .object({
    /** Replaces the failed job's payload; validated by the job's schema. */
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .default({});

/**
 * Enqueues a dead letter again as a new job, once: the row is claimed (retriedAt set where it was
 * null) before enqueueing, so two admins clicking at once get one job and one 409. An edited
 * payload must pass the job's schema and may not move the job to another organization.
 */
export async function retryDeadLetter(
  ctx: JobAdminContext,
  deadLetterId: string,
  input: z.output<typeof retryDeadLetterInput>,
) {
  const visible: SQL[] = [eq(deadLetterJobs.id, deadLetterId)];
  if (ctx.scope.kind === "organization")
    visible.push(eq(deadLetterJobs.organizationId, ctx.scope.organizationId));
  const [row] = await ctx.db
    .select()
    .from(deadLetterJobs)
    .where(and(...visible));
  if (!row) throw new NotFoundError("Dead letter");
  if (row.retriedAt)
    throw new ConflictError("This dead letter was already retried", { retriedJobId: row.retriedJobId });

  const definition = Object.hasOwn(ctx.jobs.catalog, row.jobName)
    ? ctx.jobs.definition(row.jobName)
    : undefined;
  if (!definition) throw new ConflictError(`Job "${row.jobName}" no longer exists; it can't be retried`);
  const parsed = definition.schema.safeParse(input.payload ?? row.payload);
  if (!parsed.success) {
    throw new ValidationError("The payload does not match the job's schema; send an edited `payload`", {
      issues: parsed.error.issues.map((issue) => ({
        location: "body" as const,
        path: ["payload", ...issue.path].join("."),
        message: issue.message,
      })),
    });
  }
  const organizationId = organizationOfPayload(parsed.data);
  if (organizationId !== (row.organizationId ?? undefined)) {
    throw ValidationError.field(
      "body",
      "payload.organizationId",
      "must stay the organization of the failed job",
    );
  }

  const newJobId = jobIdFor(organizationId);
  const [claimed] = await ctx.db
    .update(deadLetterJobs)
    .set({ retriedAt: new Date(), retriedJobId: newJobId, retriedBy: retriedBy(ctx.scope) })
    .where(and(eq(deadLetterJobs.id, row.id), isNull(deadLetterJobs.retriedAt)))
    .returning();
  if (!claimed) throw new ConflictError("This dead letter was already retried");
  try {
    await ctx.jobs
      .queue(definition.queue)
      .add(row.jobName, parsed.data, ctx.jobs.jobOptions(row.jobName, organizationId, { jobId: newJobId }));
  } catch (error) {
    await ctx.db
      .update(deadLetterJobs)
      .set({ retriedAt: null, retriedJobId: null, retriedBy: null })
      .where(eq(deadLetterJobs.id, row.id));
    ctx.log.error({ err: error, deadLetterId: row.id }, "dead-letter retry could not enqueue");
    throw new AppError(503, "queue_unavailable", "The job queue is unreachable; try again shortly");
  }
  ctx.log.info({ deadLetterId: row.id, newJobId }, "dead letter retried");
  return claimed;
}
