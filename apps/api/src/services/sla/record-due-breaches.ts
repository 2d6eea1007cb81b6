import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { runPrepared } from "@helpdesk/db/prepared";
import { outboxEvents, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { SLA_BREACH_BATCH } from "@helpdesk/jobs/catalog";
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";

/** A breach recorded by `recordDueBreaches`: the deadline it records. */
export interface RecordedBreach {
  id: string;
  ticketId: string;
  target: string;
  dueAt: Date;
}

/**
 * Records every deadline of the organization that is due and unmet, up to a batch, in one
 * statement, and publishes one `sla.breaches` fan-out for them all: deadlines that fall together
 * (a morning's tickets, a calendar's opening hour) are recorded by whichever timer runs first, and
 * the timers behind it find their deadline recorded, instead of each paying for a breach and a
 * fan-out of its own.
 *
 * It takes the clocks it can lock at once (`SKIP LOCKED`: two timers running together share the
 * burst, and a clock another breach holds is left to it) and leaves to the one-by-one path
 * (record-breach.ts) the tickets whose sync has not run yet and those whose policy reassigns on
 * breach (its own ticket event).
 */
export async function recordDueBreaches(
  ctx: Pick<SystemContext, "db" | "jobs">,
  organizationId: string,
  now = new Date(),
): Promise<RecordedBreach[]> {
  const outboxId = Bun.randomUUIDv7();
  const rows = await runPrepared(ctx.db, "sla_record_due_breaches", recordStatement, {
    organizationId,
    now: now.toISOString(),
    outboxId,
  });
  const breaches = rows.map((row) => ({ ...row, dueAt: new Date(row.dueAt) }));
  if (breaches.length === 0) return breaches;
  ctx.jobs.published(ctx, {
    row: {
      id: outboxId,
      queue: "ticket-notifications",
      jobName: "sla.breaches",
      payload: ctx.jobs.definition("sla.breaches").schema.parse({
        organizationId,
        breachIds: breaches.map((breach) => breach.id),
      }),
      organizationId,
      jobId: null,
      runAt: null,
      priority: null,
    },
  });
  return breaches;
}

const p = (name: string) => sql.placeholder(name);

function recordStatement(db: Executor) {
  const due = db.$with("due").as(
    db
      .select({ ticketId: slaClocks.ticketId, target: slaClocks.target, startedAt: slaClocks.startedAt })
      .from(slaClocks)
      .innerJoin(tickets, eq(tickets.id, slaClocks.ticketId))
      .leftJoin(slaPolicies, eq(slaPolicies.id, tickets.slaPolicyId))
      .where(
        and(
          // The partial index's own condition, so the planner walks it.
          isNull(slaClocks.metAt),
          isNull(slaClocks.stoppedAt),
          isNull(slaClocks.breachedAt),
          isNotNull(slaClocks.dueAt),
          lte(slaClocks.dueAt, sql`${p("now")}::timestamptz`),
          eq(slaClocks.organizationId, p("organizationId")),
          eq(tickets.slaDirty, false),
          sql`${slaPolicies.escalation} ->> 'reassignToId' is null`,
        ),
      )
      .orderBy(asc(slaClocks.dueAt), asc(slaClocks.ticketId))
      .limit(SLA_BREACH_BATCH)
      .for("update", { of: slaClocks, skipLocked: true }),
  );
  const marked = db.$with("marked").as(
    db
      .update(slaClocks)
      .set({ breachedAt: sql`${p("now")}::timestamptz` })
      .from(due)
      .where(
        and(
          eq(slaClocks.ticketId, due.ticketId),
          eq(slaClocks.target, due.target),
          eq(slaClocks.startedAt, due.startedAt),
        ),
      )
      .returning({ ticketId: slaClocks.ticketId, target: slaClocks.target, dueAt: slaClocks.dueAt }),
  );
  const recorded = db.$with("recorded").as(
    db
      .insert(slaBreaches)
      .select(
        db
          .select(
            selectRow(slaBreaches, {
              id: sql`gen_random_uuid()`,
              organizationId: p("organizationId"),
              ticketId: marked.ticketId,
              target: marked.target,
              dueAt: marked.dueAt,
              breachedAt: p("now"),
              priority: tickets.priority,
              assigneeId: tickets.assigneeId,
              policyId: tickets.slaPolicyId,
            }),
          )
          .from(marked)
          .innerJoin(tickets, eq(tickets.id, marked.ticketId)),
      )
      .onConflictDoNothing()
      .returning({
        id: slaBreaches.id,
        ticketId: slaBreaches.ticketId,
        target: slaBreaches.target,
        dueAt: slaBreaches.dueAt,
      }),
  );
  const flagged = db.$with("flagged").as(
    db
      .update(tickets)
      .set({ slaBreached: true, updatedAt: sql`${tickets.updatedAt}` })
      .where(inArray(tickets.id, db.select({ id: recorded.ticketId }).from(recorded)))
      .returning({ id: tickets.id }),
  );
  // One row for the whole batch, written only if the batch recorded something.
  const published = db.$with("published").as(
    db
      .insert(outboxEvents)
      .select(
        db
          .select(
            selectRow(outboxEvents, {
              id: p("outboxId"),
              organizationId: p("organizationId"),
              queue: sql`'ticket-notifications'`,
              jobName: sql`'sla.breaches'`,
              payload: sql`jsonb_build_object('organizationId', ${p("organizationId")}::text, 'breachIds', jsonb_agg(${recorded.id}))`,
            }),
          )
          .from(recorded)
          .having(sql`count(*) > 0`),
      )
      .returning({ id: outboxEvents.id }),
  );
  // Every CTE runs, read or not (PostgreSQL runs data-modifying ones to completion).
  return db
    .with(due, marked, recorded, flagged, published)
    .select({ id: recorded.id, ticketId: recorded.ticketId, target: recorded.target, dueAt: recorded.dueAt })
    .from(recorded);
}
