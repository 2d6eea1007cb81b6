import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { isoText } from "@helpdesk/db/iso-text";
import { organizations, outboxEvents, type tickets } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import type { OutboxEntry } from "@helpdesk/jobs/runtime";
import { eq, sql } from "drizzle-orm";
import type { WithSubqueryWithSelection } from "drizzle-orm/pg-core";
import type { SystemContext } from "../../context/service-context.ts";
import { DAY_MS } from "../../lib/durations.ts";

/**
 * Names the close of one resolution: the timer written with it, relayed twice, is one job; a
 * ticket reopened and resolved again gets a timer of its own, and the old one finds nothing to do.
 */
export const autoCloseKey = (ticketId: string, resolvedAt: Date) =>
  `auto-close-${ticketId}-${resolvedAt.getTime()}`;

/** When a resolution falls due: whole days of 24 hours, as the scan counts them. */
export const autoCloseDueAt = (resolvedAt: Date, autoCloseDays: number) =>
  new Date(resolvedAt.getTime() + autoCloseDays * DAY_MS);

/** The `updated` CTE of a ticket update (`UPDATE tickets … RETURNING *`). */
type UpdatedTickets = WithSubqueryWithSelection<(typeof tickets)["_"]["columns"], "updated">;

/**
 * The delayed `tickets.auto-close` of a resolution, as a CTE of the statement that resolves the
 * ticket: written only if that statement wrote the ticket. Its job id, due time and payload come
 * from the row as written (`resolvedAt` is the database's clock) and from the organization's
 * `autoCloseDays` as the statement reads it, so they can't be known before it runs; `freshRow`
 * rebuilds the relay's in-memory row from what the CTE returns.
 */
export function autoCloseTimer(
  ctx: Pick<SystemContext, "jobs">,
  db: Executor,
  updated: UpdatedTickets,
  ticket: { id: string; organizationId: string },
) {
  const entry = ctx.jobs.outboxEntry("tickets.auto-close", {
    organizationId: ticket.organizationId,
    ticketId: ticket.id,
  });
  // Same text as autoCloseKey's: the id prefix in JS (jobIdFor's rules), the epoch ms in SQL.
  const jobIdPrefix = jobIdFor(ticket.organizationId, `auto-close-${ticket.id}-`);
  const resolvedMs = sql`(extract(epoch from ${updated.resolvedAt}) * 1000)::bigint`;
  const cte = db.$with("auto_close_timer").as(
    db
      .insert(outboxEvents)
      .select(
        db
          .select(
            selectRow(outboxEvents, {
              ...entry.row,
              payload: sql`jsonb_build_object(
                'organizationId', ${updated.organizationId}::text,
                'ticketId', ${updated.id}::text,
                'resolvedAt', ${isoText(updated.resolvedAt)})`,
              jobId: sql`${jobIdPrefix}::text || ${resolvedMs}::text`,
              runAt: sql`${updated.resolvedAt} + make_interval(hours => 24 * ${organizations.autoCloseDays})`,
            }),
          )
          .from(updated)
          .innerJoin(organizations, eq(organizations.id, updated.organizationId)),
      )
      .returning({ payload: outboxEvents.payload, jobId: outboxEvents.jobId, runAt: outboxEvents.runAt }),
  );
  const freshRow = (written: {
    payload: unknown;
    jobId: string | null;
    runAt: Date | null;
  }): OutboxEntry["row"] => ({
    ...entry.row,
    payload: ctx.jobs.definition("tickets.auto-close").schema.parse(written.payload),
    jobId: written.jobId,
    runAt: written.runAt,
  });
  return { cte, freshRow };
}
