import { selectRow } from "@helpdesk/db/insert-select";
import {
  type Ticket,
  type TicketPriority,
  type TicketStatus,
  ticketPriorities,
  ticketStatusChanges,
  ticketStatuses,
  tickets,
} from "@helpdesk/db/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { ConflictError, ForbiddenError, ValidationError } from "../../lib/errors.ts";
import { withSla } from "../sla/sla-view.ts";
import { syncTicketSla } from "../sla/sync-ticket-sla.ts";
import { findActiveMember } from "../users/find-active-member.ts";
import { autoCloseTimer } from "./auto-close-timer.ts";
import { checkPolicy } from "./create-ticket.ts";
import { loadTicket } from "./load-ticket.ts";
import { canTransition, statusTimestamps } from "./status-machine.ts";
import { ticketEventEnvelope } from "./ticket-event.ts";

export const updateTicketInput = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    /** null unassigns. */
    assigneeId: z.uuid().nullable().optional(),
    /** Staff: the SLA policy the ticket runs under; null: none. */
    slaPolicyId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    error: "give at least one of status, priority, assigneeId, slaPolicyId",
  });

/**
 * Changes status, priority or assignee; an unchanged value is a no-op, not an error.
 *
 * Decides on the ticket as read, then writes the change and its events in one statement (a CTE, as
 * a reply and a new ticket are) whose update applies only if status, priority and assignee are
 * still what the decision saw. If another write changed them in between, it decides again on the
 * new row. BEGIN, a locking read, the update, an outbox row per event and COMMIT were five or six
 * round trips; this is two, the read and the statement (plus the assignee's check when assigning).
 */
export async function updateTicket(
  ctx: ServiceContext,
  ticketId: string,
  input: z.output<typeof updateTicketInput>,
) {
  const asCustomer = ctx.actor.role === "customer";
  if (
    asCustomer &&
    (input.priority !== undefined || input.assigneeId !== undefined || input.slaPolicyId !== undefined)
  ) {
    throw new ForbiddenError("Customers can only resolve or reopen their tickets");
  }
  if (input.assigneeId && !(await findActiveMember(ctx, input.assigneeId, ["agent", "admin"]))) {
    throw ValidationError.field("body", "assigneeId", "is not an active agent or admin of this organization");
  }
  if (input.slaPolicyId) await checkPolicy(ctx, input.slaPolicyId);
  for (let attempt = 1; ; attempt++) {
    const ticket = await loadTicket(ctx, ticketId);
    const changes = decideChanges(ticket, input, asCustomer);
    if (Object.keys(changes).length === 0) return answer(ctx, ticket);
    const updated = await writeIfUnchanged(ctx, ticket, changes);
    if (updated) {
      ctx.log.info({ ticketId: ticket.id, changes: Object.keys(changes) }, "ticket updated");
      if (updated.slaDirty) await syncTicketSla(ctx, updated.id);
      return answer(ctx, updated);
    }
    if (attempt === MAX_ATTEMPTS) throw new ConflictError("The ticket kept changing; try again");
  }
}

async function answer(ctx: ServiceContext, ticket: Ticket) {
  const [withDeadlines] = await withSla(ctx, [ticket]);
  return withDeadlines ?? { ...ticket, sla: null };
}

/** Concurrent writes to one ticket are rare; three in a row mean something is hammering it. */
const MAX_ATTEMPTS = 3;

/**
 * When the row is written, by the database's clock once the update holds the row lock: a reply that
 * got the lock first is then always older than the close or resolution that follows it. (`now()`
 * is the statement's start, which may precede a write it waited for.)
 */
const writtenAt = sql`clock_timestamp()`;

/** What an update changes; the timestamps that follow are written with it. */
interface TicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  slaPolicyId?: string | null;
}

/** What the input changes on this ticket, by the state machine (docs/tickets.md); throws if it may not. */
function decideChanges(
  ticket: Ticket,
  input: z.output<typeof updateTicketInput>,
  asCustomer: boolean,
): TicketChanges {
  if (ticket.status === "closed") throw new ConflictError("Closed tickets can't be changed");
  const changes: TicketChanges = {};
  if (input.status !== undefined && input.status !== ticket.status) {
    if (asCustomer && canTransition(ticket.status, input.status, false)) {
      if (!canTransition(ticket.status, input.status, true)) {
        throw new ForbiddenError("Customers can only resolve or reopen their tickets");
      }
    }
    if (!canTransition(ticket.status, input.status, asCustomer)) {
      throw new ConflictError(`A ${ticket.status} ticket can't become ${input.status}`, {
        from: ticket.status,
        to: input.status,
      });
    }
    changes.status = input.status;
  }
  if (input.priority !== undefined && input.priority !== ticket.priority) changes.priority = input.priority;
  if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId)
    changes.assigneeId = input.assigneeId;
  if (input.slaPolicyId !== undefined && input.slaPolicyId !== ticket.slaPolicyId)
    changes.slaPolicyId = input.slaPolicyId;
  return changes;
}

/**
 * Applies `changes` and writes their events (one per kind of change) in one statement, if the
 * ticket's status, priority and assignee are still those of `before`; else writes nothing and
 * returns undefined.
 */
async function writeIfUnchanged(
  ctx: ServiceContext,
  before: Ticket,
  changes: TicketChanges,
): Promise<Ticket | undefined> {
  // What moves SLA clocks (docs/sla.md): the sync follows, and the scan if it never runs.
  const moves =
    changes.status !== undefined || changes.priority !== undefined || changes.slaPolicyId !== undefined;
  const governed = before.slaPolicyId !== null || Boolean(changes.slaPolicyId);
  const set: PgUpdateSetSource<typeof tickets> = {
    ...changes,
    ...(changes.status ? statusTimestamps(changes.status, writtenAt) : {}),
    ...(moves && governed ? { slaDirty: true } : {}),
    updatedAt: writtenAt,
  };
  const { db } = ctx;
  const updated = db.$with("updated").as(
    db
      .update(tickets)
      .set(set)
      .where(
        and(
          eq(tickets.id, before.id),
          eq(tickets.organizationId, before.organizationId),
          eq(tickets.status, before.status),
          eq(tickets.priority, before.priority),
          before.assigneeId === null ? isNull(tickets.assigneeId) : eq(tickets.assigneeId, before.assigneeId),
        ),
      )
      .returning(),
  );
  const events = eventsOf(ctx, before, changes);
  // Each event's row is written once per updated row: none if the ticket changed meanwhile.
  const published = events.map((event, i) => db.$with(`event_${i}`).as(event.insertFrom(db, updated)));
  const history = changes.status
    ? [
        db.$with("status_change").as(
          db.insert(ticketStatusChanges).select(
            db
              .select(
                selectRow(ticketStatusChanges, {
                  id: Bun.randomUUIDv7(),
                  organizationId: before.organizationId,
                  ticketId: updated.id,
                  fromStatus: before.status,
                  toStatus: changes.status,
                  changedAt: updated.updatedAt,
                }),
              )
              .from(updated),
          ),
        ),
      ]
    : [];
  // A resolution writes its delayed auto-close with it (docs/automations.md, "Auto-close").
  const timer = changes.status === "resolved" ? autoCloseTimer(ctx, db, updated, before) : undefined;
  const statement = db.with(updated, ...published, ...history, ...(timer ? [timer.cte] : []));
  const [result] = timer
    ? await statement.select().from(updated).leftJoin(timer.cte, sql`true`)
    : (await statement.select().from(updated)).map((row) => ({ updated: row, auto_close_timer: null }));
  if (!result) return undefined;
  for (const event of events) ctx.jobs.published(ctx, event);
  if (timer && result.auto_close_timer) {
    ctx.jobs.published(ctx, { row: timer.freshRow(result.auto_close_timer) });
  }
  return result.updated;
}

/** One event per kind of change: a status change, and an assignment (unassigning notifies no one). */
function eventsOf(ctx: ServiceContext, before: Ticket, changes: TicketChanges) {
  const events = [];
  if (changes.status !== undefined) {
    events.push(
      ctx.jobs.outboxEntry("ticket.event", {
        ...ticketEventEnvelope(ctx.actor, before.id),
        type: "ticket.status_changed",
        fromStatus: before.status,
        toStatus: changes.status,
      }),
    );
  }
  if (changes.assigneeId) {
    events.push(
      ctx.jobs.outboxEntry("ticket.event", {
        ...ticketEventEnvelope(ctx.actor, before.id),
        type: "ticket.assigned",
        assigneeId: changes.assigneeId,
      }),
    );
  }
  return events;
}
