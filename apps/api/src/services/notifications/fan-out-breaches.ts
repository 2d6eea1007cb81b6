import type { Executor } from "@helpdesk/db/client";
import { runPrepared } from "@helpdesk/db/prepared";
import { recordNotifications } from "@helpdesk/db/queries/record-notification";
import { notificationPreferences, slaBreaches, slaPolicies, tickets, users } from "@helpdesk/db/schema";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import { wantsEmail } from "./preferences.ts";
import { recipientsOf } from "./recipients.ts";
import { COLLAPSE_WINDOW_MS, KEEP_EVENT_IDS } from "./record-notification.ts";
import { toNotificationEvent } from "./to-notification-event.ts";

/**
 * Tells people of breaches recorded together (`sla.breaches`), as `sla.breached` ticket events
 * would one by one (fan-out-ticket-event.ts): the same recipients, in-app notifications, socket
 * events and e-mails, with the breach's id as the event's. Two reads, one write and one push for
 * the batch instead of a job, a read and a write per breach. A retried job pushes and e-mails only
 * what it did not record before.
 */
export async function fanOutBreaches(
  ctx: Pick<SystemContext, "db" | "jobs" | "realtime">,
  batch: { organizationId: string; breachIds: string[] },
) {
  const { organizationId } = batch;
  const [breaches, staff] = await Promise.all([
    runPrepared(ctx.db, "sla_breaches_fan_out", readBreaches, { organizationId, ids: batch.breachIds }),
    runPrepared(ctx.db, "sla_breaches_staff", readStaff, { organizationId }),
  ]);
  const staffIds = staff.map((member) => member.id);
  const active = new Set(staffIds);
  const adminIds = staff.filter((member) => member.role === "admin").map((member) => member.id);
  const emailChoices = new Map(
    staff.flatMap((member) =>
      member.notificationPreferences.map((choice) => [member.id, choice.email] as const),
    ),
  );

  const deliveries = breaches.map((breach) => {
    const data = {
      ticketNumber: breach.number,
      subject: breach.subject,
      actorId: null,
      target: breach.target,
      dueAt: breach.dueAt.toISOString(),
    };
    const recipients = recipientsOf({
      type: "sla.breached",
      actorId: null,
      // The assignee as it was when the deadline passed.
      ticket: { customerId: breach.customerId, assigneeId: breach.assigneeId },
      staffIds,
      adminIds,
      escalationIds: (breach.escalation?.notifyUserIds ?? []).filter((id) => active.has(id)),
      followerIds: [],
    });
    return { breach, data, userIds: recipients.map((recipient) => recipient.userId) };
  });

  const recorded = await recordNotifications(
    ctx.db,
    deliveries.flatMap(({ breach, data, userIds }) =>
      userIds.map((userId) => ({
        organizationId,
        userId,
        ticketId: breach.ticketId,
        type: "sla.breached",
        eventId: breach.id,
        data,
      })),
    ),
    { collapseWindowMs: COLLAPSE_WINDOW_MS, keepEventIds: KEEP_EVENT_IDS },
  );
  // Who has not heard of which breach yet: a retry skips those it reached before.
  const fresh = new Set(recorded.flatMap((row) => row.eventIds.map((eventId) => `${eventId}:${row.userId}`)));
  const isFresh = (breachId: string, userId: string) => fresh.has(`${breachId}:${userId}`);

  // All pushed in this tick: the emitter sends them as one write (realtime/emitter.ts).
  for (const { breach, userIds } of deliveries) {
    ctx.realtime.ticketUpdated(organizationId, {
      ticketId: breach.ticketId,
      number: breach.number,
      subject: breach.subject,
      status: breach.status,
      priority: breach.priority,
      assigneeId: breach.ticketAssigneeId,
      customerId: breach.customerId,
      updatedAt: breach.updatedAt.toISOString(),
      eventType: "sla.breached",
    });
    const told = userIds.filter((userId) => isFresh(breach.id, userId));
    if (told.length > 0) {
      ctx.realtime.sla("sla:breached", told, {
        ticketId: breach.ticketId,
        number: breach.number,
        subject: breach.subject,
        target: breach.target,
        dueAt: breach.dueAt.toISOString(),
        breachedAt: breach.breachedAt.toISOString(),
      });
    }
  }
  for (const row of recorded) ctx.realtime.notification(row.userId, toNotificationEvent(row));

  const emails = deliveries.flatMap(({ breach, userIds }) =>
    userIds
      .filter(
        (userId) =>
          isFresh(breach.id, userId) && wantsEmail("sla.breached", "agent", emailChoices.get(userId)),
      )
      .map((recipientId) => ({
        payload: {
          organizationId,
          recipientId,
          kind: "sla.breached" as const,
          ticketId: breach.ticketId,
          eventId: breach.id,
          actorId: null,
          target: breach.target,
          dueAt: breach.dueAt.toISOString(),
        },
        // Named as a ticket event's e-mail is: a redelivered batch never sends twice.
        options: { key: `notify-${breach.id}-${recipientId}`, priority: "critical" as const },
      })),
  );
  await ctx.jobs.enqueueBulk("email.notify", emails);
  return { breaches: breaches.length, notified: recorded.length, emailed: emails.length };
}

const readBreaches = (db: Executor) =>
  db
    .select({
      id: slaBreaches.id,
      ticketId: slaBreaches.ticketId,
      target: slaBreaches.target,
      dueAt: slaBreaches.dueAt,
      breachedAt: slaBreaches.breachedAt,
      assigneeId: slaBreaches.assigneeId,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      customerId: tickets.customerId,
      ticketAssigneeId: tickets.assigneeId,
      updatedAt: tickets.updatedAt,
      escalation: slaPolicies.escalation,
    })
    .from(slaBreaches)
    .innerJoin(tickets, eq(tickets.id, slaBreaches.ticketId))
    .leftJoin(slaPolicies, eq(slaPolicies.id, slaBreaches.policyId))
    .where(
      and(
        eq(slaBreaches.organizationId, sql.placeholder("organizationId")),
        sql`${slaBreaches.id} = any(${sql.placeholder("ids")}::uuid[])`,
      ),
    );

/** The organization's active agents and admins, with their e-mail choice for breaches. */
const readStaff = (db: Executor) =>
  db.query.users.findMany({
    columns: { id: true, role: true },
    where: and(
      eq(users.organizationId, sql.placeholder("organizationId")),
      eq(users.active, true),
      inArray(users.role, ["agent", "admin"]),
    ),
    with: {
      notificationPreferences: {
        columns: { email: true },
        where: eq(notificationPreferences.type, "sla.breached"),
      },
    },
  });
