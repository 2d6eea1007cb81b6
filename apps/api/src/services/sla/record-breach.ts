import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { runPrepared } from "@helpdesk/db/prepared";
import { type SlaTarget, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { outboxInsertFromPlaceholders, outboxPlaceholderValues } from "@helpdesk/jobs/runtime";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import type { RecentBreaches } from "./recent-breaches.ts";
import { recordDueBreaches } from "./record-due-breaches.ts";
import { syncTicketSla } from "./sync-ticket-sla.ts";

export interface Deadline {
  organizationId: string;
  ticketId: string;
  target: SlaTarget;
  dueAt: Date;
}

/**
 * Records that a deadline passed unmet, once, and tells people: one read, then one statement,
 * each built once and prepared (a burst of deadlines runs them by the thousand). A deadline whose
 * policy does not reassign is recorded with whatever else of its organization is due
 * (record-due-breaches.ts): a burst's first timer records it, and the others find it done in the
 * read.
 * The statement marks the run breached only if it is still going with this very deadline and no
 * breach yet (its row lock serializes concurrent timers and scans, and the loser matches nothing),
 * and only then writes the breach row (unique per ticket, target and deadline besides), the
 * ticket's breached flag, the `sla.breached` event (assignee as it was, or the agents; the admins;
 * the policy's escalation list) and, if the policy says so, the reassignment and its event, the
 * events through the outbox. A deadline that moved, was met or stopped, or is not due yet records
 * nothing.
 */
export async function recordBreach(
  ctx: SystemContext,
  deadline: Deadline,
  now = new Date(),
  recent?: RecentBreaches,
) {
  if (deadline.dueAt > now) return { breached: false as const, reason: "not due yet" };
  if (recent?.has(deadline)) return { breached: false as const, reason: "recorded with others" };
  const { db } = ctx;
  const key = {
    ticketId: deadline.ticketId,
    organizationId: deadline.organizationId,
    target: deadline.target,
    // Placeholders are bound as they are given: times in the driver's text form.
    dueAt: deadline.dueAt.toISOString(),
  };
  let [facts] = await runPrepared(db, "sla_breach_facts", readFacts, key);
  if (facts?.dirty) {
    // A write whose sync has not run yet may have moved or met this deadline: it goes first.
    await syncTicketSla(ctx, deadline.ticketId, now);
    [facts] = await runPrepared(db, "sla_breach_facts", readFacts, key);
  }
  if (!facts)
    return { breached: false as const, reason: "the deadline moved, was met or is already recorded" };

  const escalation = facts.escalation ?? { notifyUserIds: [], reassignToId: null };
  if (!escalation.reassignToId) {
    // Nothing of its own to do: recorded with every other deadline of the organization due by now.
    const together = await recordDueBreaches(ctx, deadline.organizationId, now);
    recent?.add(together);
    const own = together.find(
      (breach) => breach.ticketId === deadline.ticketId && breach.target === deadline.target,
    );
    if (own) return { breached: true as const, breachId: own.id, together: together.length };
    // Another batch holds it (or took it since the read): the statement below waits and sees.
  }
  const reassignTo =
    escalation.reassignToId && escalation.reassignToId !== facts.assigneeId ? escalation.reassignToId : null;
  const envelope = {
    organizationId: deadline.organizationId,
    ticketId: deadline.ticketId,
    actorId: null,
    occurredAt: now.toISOString(),
    target: deadline.target,
    dueAt: deadline.dueAt.toISOString(),
  };
  const breachedEvent = ctx.jobs.outboxEntry("ticket.event", {
    ...envelope,
    eventId: Bun.randomUUIDv7(),
    type: "sla.breached",
    breachedAt: now.toISOString(),
    notifyUserIds: escalation.notifyUserIds,
    // Who answered for it when it passed (the escalation may reassign it in this statement).
    assigneeId: facts.assigneeId,
  });
  const assignedEvent = reassignTo
    ? ctx.jobs.outboxEntry("ticket.event", {
        ...envelope,
        eventId: Bun.randomUUIDv7(),
        type: "ticket.assigned",
        assigneeId: reassignTo,
      })
    : undefined;
  const [row] = await runPrepared(
    db,
    reassignTo ? "sla_record_breach_reassign" : "sla_record_breach",
    (db) => recordStatement(db, Boolean(reassignTo)),
    {
      ...key,
      breachId: Bun.randomUUIDv7(),
      now: now.toISOString(),
      priority: facts.priority,
      assigneeId: facts.assigneeId,
      policyId: facts.policyId,
      reassignTo,
      ...outboxPlaceholderValues(breachedEvent, "breached"),
      ...(assignedEvent ? outboxPlaceholderValues(assignedEvent, "assigned") : {}),
    },
  );
  if (!row) return { breached: false as const, reason: "already recorded" };
  ctx.jobs.published(ctx, breachedEvent);
  if (assignedEvent) ctx.jobs.published(ctx, assignedEvent);
  ctx.log.info(
    { ticketId: deadline.ticketId, target: deadline.target, dueAt: deadline.dueAt },
    "SLA breached",
  );
  return { breached: true as const, breachId: row.id };
}

const p = (name: string) => sql.placeholder(name);

/** The run still going with this deadline, unbreached: what a breach needs to know of its ticket. */
const running = () =>
  and(
    eq(slaClocks.ticketId, p("ticketId")),
    eq(slaClocks.organizationId, p("organizationId")),
    eq(slaClocks.target, p("target")),
    eq(slaClocks.dueAt, p("dueAt")),
    isNull(slaClocks.metAt),
    isNull(slaClocks.stoppedAt),
    isNull(slaClocks.breachedAt),
  );

const readFacts = (db: Executor) =>
  db
    .select({
      assigneeId: tickets.assigneeId,
      priority: tickets.priority,
      policyId: tickets.slaPolicyId,
      dirty: tickets.slaDirty,
      escalation: slaPolicies.escalation,
    })
    .from(slaClocks)
    .innerJoin(tickets, eq(tickets.id, slaClocks.ticketId))
    .leftJoin(slaPolicies, eq(slaPolicies.id, tickets.slaPolicyId))
    .where(running());

/** The breach, its flag, its events and the reassignment: one statement, built once per shape. */
function recordStatement(db: Executor, reassign: boolean) {
  const marked = db.$with("marked").as(
    db
      .update(slaClocks)
      .set({ breachedAt: sql`${p("now")}::timestamptz` })
      .where(running())
      .returning({ ticketId: slaClocks.ticketId }),
  );
  const recorded = db.$with("recorded").as(
    db
      .insert(slaBreaches)
      .select(
        db
          .select(
            selectRow(slaBreaches, {
              id: p("breachId"),
              organizationId: p("organizationId"),
              ticketId: marked.ticketId,
              target: p("target"),
              dueAt: p("dueAt"),
              breachedAt: p("now"),
              priority: p("priority"),
              assigneeId: p("assigneeId"),
              policyId: p("policyId"),
            }),
          )
          .from(marked),
      )
      .onConflictDoNothing()
      .returning({ id: slaBreaches.id }),
  );
  const flagged = db.$with("flagged").as(
    db
      .update(tickets)
      .set({
        slaBreached: true,
        // A new assignee answers for the runs still going: the next sync records it.
        ...(reassign
          ? { assigneeId: sql`${p("reassignTo")}::uuid`, slaDirty: true }
          : { updatedAt: sql`${tickets.updatedAt}` }),
      })
      .where(and(eq(tickets.id, p("ticketId")), sql`exists (select from ${recorded})`))
      .returning({ id: tickets.id }),
  );
  const published = [
    db.$with("breached_event").as(outboxInsertFromPlaceholders(db, flagged, "breached")),
    ...(reassign
      ? [db.$with("assigned_event").as(outboxInsertFromPlaceholders(db, flagged, "assigned"))]
      : []),
  ];
  return db
    .with(marked, recorded, flagged, ...published)
    .select()
    .from(recorded);
}
