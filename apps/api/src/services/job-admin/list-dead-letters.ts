import { deadLetterJobs } from "@helpdesk/db/schema";
import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { JobAdminContext } from "../../context/service-context.ts";
import { cursorParam, toPage } from "../../lib/cursor.ts";
import { ValidationError } from "../../lib/errors.ts";
import { beforeCursor } from "../../lib/keyset.ts";
import { failureForScope } from "./scope.ts";

export const listDeadLettersQuery = z.object({
  /** Only this queue's: one of the deployment's queues (`email`, `ticket-notifications`, …). */
  queue: z.string().min(1).max(100).optional(),
  /** `false` lists only the ones nobody has retried yet. */
  retried: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorParam.optional(),
});

/** Newest failures first; an organization's admin sees only their organization's rows. */
export async function listDeadLetters(ctx: JobAdminContext, query: z.output<typeof listDeadLettersQuery>) {
  const conditions: (SQL | undefined)[] = [];
  if (ctx.scope.kind === "organization")
    conditions.push(eq(deadLetterJobs.organizationId, ctx.scope.organizationId));
  if (query.queue) {
    if (!ctx.jobs.hasQueue(query.queue))
      throw ValidationError.field("query", "queue", "is not a queue of this deployment");
    conditions.push(eq(deadLetterJobs.queue, query.queue));
  }
  if (query.retried === "false") conditions.push(isNull(deadLetterJobs.retriedAt));
  conditions.push(beforeCursor({ createdAt: deadLetterJobs.failedAt, id: deadLetterJobs.id }, query.cursor));
  const rows = await ctx.db
    .select()
    .from(deadLetterJobs)
    .where(and(...conditions))
    .orderBy(desc(deadLetterJobs.failedAt), desc(deadLetterJobs.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows.map((row) => {
      const failure = failureForScope(ctx.scope, row.errorMessage, row.stack);
      return { ...row, errorMessage: failure.message ?? "", stack: failure.stack, createdAt: row.failedAt };
    }),
    query.limit,
  );
  return { data: page.data, nextCursor: page.nextCursor };
}
