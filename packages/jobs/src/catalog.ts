import { slaTargets, ticketStatuses } from "@helpdesk/db/schema";
import { z } from "zod";
import { defineJob, type JobDefinition } from "./define.ts";
import type { QueueName } from "./queues.ts";

/**
 * Every job of the product, declared once. Payloads carry ids, never copies of rows or addresses:
 * a job that runs late reads the current state. Tenant jobs carry `organizationId`, which routes
 * their dead letters and job details to that organization's admins.
 */
const tenant = z.object({ organizationId: z.uuid() });

export const ticketEventTypes = [
  "ticket.created",
  "message.added",
  "ticket.assigned",
  "ticket.status_changed",
  "sla.warning",
  "sla.breached",
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];

export const ticketEventPayload = tenant.extend({
  /**
   * Names this event for good: a redelivered or retried job (even one retried from the dead
   * letters, under a new job id) is recognised and never notifies or e-mails twice.
   */
  eventId: z.uuid(),
  type: z.enum(ticketEventTypes),
  ticketId: z.uuid(),
  /** Who caused the event; never notified of their own action. Null for the system (auto-close). */
  actorId: z.uuid().nullable(),
  /** Optional: only `message.added` carries it. */
  messageId: z.uuid().optional(),
  /** Optional: status changes carry from/to; assignments carry the new assignee. */
  fromStatus: z.enum(ticketStatuses).optional(),
  toStatus: z.enum(ticketStatuses).optional(),
  assigneeId: z.uuid().nullable().optional(),
  /** Optional: SLA events carry the target and its deadline; a breach its time and escalation list. */
  target: z.enum(slaTargets).optional(),
  dueAt: z.iso.datetime().optional(),
  breachedAt: z.iso.datetime().optional(),
  notifyUserIds: z.array(z.uuid()).max(50).optional(),
  occurredAt: z.iso.datetime(),
});
export type TicketEventPayload = z.output<typeof ticketEventPayload>;

/**
 * What an `email.notify` job e-mails about; new messages go through the debounced
 * `email.ticket-messages`.
 */
export const emailKinds = [
  "ticket.created",
  "ticket.assigned",
  "ticket.status_changed",
  "sla.warning",
  "sla.breached",
] as const;

/** The most breaches one timer records, and one `sla.breaches` fan-out carries. */
export const SLA_BREACH_BATCH = 200;

const slaTimer = tenant.extend({
  ticketId: z.uuid(),
  target: z.enum(slaTargets),
  /** The deadline the timer was set for: a timer of a deadline since moved does nothing. */
  dueAt: z.iso.datetime(),
});

export const jobCatalog = {
  /** Fan a ticket event out to the people who should hear of it. */
  "ticket.event": defineJob({
    queue: "ticket-notifications",
    schema: ticketEventPayload,
    priority: "normal",
  }),
  /**
   * Waits until the ticket has been quiet for the debounce window, then queues the recipient's
   * `email.ticket-messages` (services/email/queue-message-email.ts). On this queue, not `email`, so
   * its waits never spend the e-mail rate limit.
   */
  "ticket.message-email-wait": defineJob({
    queue: "ticket-notifications",
    schema: tenant.extend({ recipientId: z.uuid(), ticketId: z.uuid() }),
    priority: "normal",
  }),

  /** E-mails one recipient about one event, at once (confirmations, assignments, status changes, SLA). */
  "email.notify": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({
      recipientId: z.uuid(),
      kind: z.enum(emailKinds),
      ticketId: z.uuid(),
      /** The outbox id of the event: with the recipient, it names this e-mail (idempotency). */
      eventId: z.string().min(1),
      /** Optional: who caused the event (named in assignment e-mails); null for the system. */
      actorId: z.uuid().nullable().optional(),
      fromStatus: z.enum(ticketStatuses).optional(),
      toStatus: z.enum(ticketStatuses).optional(),
      /** Optional: SLA e-mails name the target and its deadline. */
      target: z.enum(slaTargets).optional(),
      dueAt: z.iso.datetime().optional(),
    }),
  }),
  /**
   * E-mails one recipient the ticket's messages that are new to them: queued once the ticket has
   * been quiet for the debounce window, so a burst of replies is one e-mail.
   */
  "email.ticket-messages": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({
      recipientId: z.uuid(),
      ticketId: z.uuid(),
      /** Optional: fixed by the first attempt, so a retry sends the same e-mail (same idempotency key, same body). */
      messageIds: z.array(z.uuid()).max(50).optional(),
    }),
  }),

  /** Finds resolved tickets past their organization's autoCloseDays and enqueues a close for each. */
  "tickets.auto-close-scan": defineJob({
    queue: "ticket-actions",
    schema: z.object({}),
    priority: "bulk",
    schedule: { pattern: "*/15 * * * *" },
    options: { attempts: 1 },
  }),
  "tickets.auto-close": defineJob({
    queue: "ticket-actions",
    priority: "normal",
    schema: tenant.extend({ ticketId: z.uuid() }),
  }),

  /** A deadline's timer: records the breach if the deadline still stands, unmet, and tells people. */
  "sla.check": defineJob({ queue: "sla", schema: slaTimer, priority: "critical" }),
  /**
   * Tells people of breaches recorded together (services/sla/record-due-breaches.ts): a burst of
   * deadlines is one fan-out, not one per breach. Ids only: the breach rows say the rest.
   */
  "sla.breaches": defineJob({
    queue: "ticket-notifications",
    schema: tenant.extend({ breachIds: z.array(z.uuid()).min(1).max(SLA_BREACH_BATCH) }),
    priority: "critical",
  }),
  /** The 80% timer: warns the assignee once, if the deadline still stands and is unmet. */
  "sla.warn": defineJob({ queue: "sla", schema: slaTimer, priority: "normal" }),
  /**
   * The safety net behind the timers: brings up to date tickets whose SLA sync never ran, and
   * records breaches whose timer was lost, in batches until none is left.
   */
  "sla.scan": defineJob({
    queue: "sla",
    schema: z.object({}),
    priority: "normal",
    schedule: { pattern: "* * * * *" },
    options: { attempts: 1 },
  }),

  /** Retention: deletes relayed outbox rows, old dead letters and old notifications in bounded batches. */
  "cleanup.sweep": defineJob({
    queue: "cleanup",
    priority: "bulk",
    schema: z.object({ batchSize: z.number().int().min(1).max(10_000).default(1_000) }),
    schedule: { pattern: "17 3 * * *" },
  }),
} satisfies Record<string, JobDefinition<z.ZodType, QueueName>>;

export type ProductCatalog = typeof jobCatalog;
