import { accountTokenPurposes, slaTargets, ticketStatuses } from "@helpdesk/db/schema";
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

/** An ISO 8601 week, `2026-W49`: the year and the week number are its groups. */
export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const isoWeek = z.string().regex(ISO_WEEK);

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

  /**
   * A welcome or password-reset e-mail: the token row's id, never the token (the handler derives
   * it: apps/api/src/auth/account-tokens.ts). Published with the row, in the same transaction.
   */
  "email.account": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({
      userId: z.uuid(),
      tokenId: z.uuid(),
      purpose: z.enum(accountTokenPurposes),
    }),
  }),

  /**
   * The safety net behind the auto-close timers: finds resolved tickets past their organization's
   * autoCloseDays (a timer lost, or the days lowered since) and enqueues a close for each.
   */
  "tickets.auto-close-scan": defineJob({
    queue: "ticket-actions",
    schema: z.object({}),
    priority: "bulk",
    schedule: { pattern: "7 * * * *" },
    options: { attempts: 1 },
    timeoutMs: 10 * 60_000,
  }),
  /** Closes one resolved ticket once its organization's autoCloseDays have passed; delayed at resolution. */
  "tickets.auto-close": defineJob({
    queue: "ticket-actions",
    priority: "normal",
    schema: tenant.extend({
      ticketId: z.uuid(),
      /**
       * The resolution this close is for: a ticket reopened, or resolved again since, is left alone.
       * Optional: jobs enqueued before it was added close whichever resolution is due.
       */
      resolvedAt: z.iso.datetime().optional(),
    }),
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
    /** Optional: an admin's "run now" scans their organization only; the schedule scans all. */
    schema: z.object({ organizationId: z.uuid().optional() }),
    priority: "normal",
    schedule: { pattern: "* * * * *" },
    options: { attempts: 1 },
    // A backstop for a hung statement: the scan stops itself within its own budget.
    timeoutMs: 2 * 60_000,
  }),

  /** Retention (docs/automations.md): deletes what each organization keeps no longer, in bounded batches. */
  "cleanup.sweep": defineJob({
    queue: "cleanup",
    priority: "bulk",
    schema: z.object({ batchSize: z.number().int().min(1).max(10_000).default(1_000) }),
    schedule: { pattern: "17 3 * * *" },
    // A backlog left by a stopped sweep is taken up by the next attempt or the next day.
    timeoutMs: 30 * 60_000,
  }),

  /**
   * Writes one export's CSV file, streamed from a cursor into the export storage, with progress.
   * The timeout frees the worker from an export stuck on its database or storage.
   */
  "reports.export": defineJob({
    queue: "reports",
    priority: "bulk",
    schema: tenant.extend({ exportId: z.uuid() }),
    timeoutMs: 30 * 60_000,
  }),
  /** E-mails an export's requester its download link, once the file is ready. */
  "email.export-ready": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({ exportId: z.uuid() }),
  }),

  /**
   * Every quarter of an hour (so +05:30 and +05:45 zones are on time), finds the organizations
   * whose digest or weekly report is due in their own zone and enqueues one job per occurrence.
   * Optional `now` (tests, and a tick replayed by hand): the instant to schedule for.
   */
  "reports.schedules": defineJob({
    queue: "reports",
    priority: "normal",
    schema: z.object({ now: z.iso.datetime().optional() }),
    schedule: { pattern: "*/15 * * * *" },
    options: { attempts: 1 },
    timeoutMs: 5 * 60_000,
  }),
  /** One organization's digest of one local day: an `email.digest` per agent and admin with news. */
  "reports.digest": defineJob({
    queue: "reports",
    priority: "normal",
    schema: tenant.extend({ period: z.iso.date() }),
    timeoutMs: 5 * 60_000,
  }),
  /** One organization's report of one ISO week: an `email.weekly-report` per admin. */
  "reports.weekly-report": defineJob({
    queue: "reports",
    priority: "normal",
    schema: tenant.extend({ week: isoWeek }),
    timeoutMs: 5 * 60_000,
  }),
  /** One agent's or admin's daily digest, read when sent; nothing to report sends nothing. */
  "email.digest": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({ recipientId: z.uuid(), period: z.iso.date() }),
  }),
  /** One admin's weekly report, with the figures of `GET /api/v1/reports/weekly`. */
  "email.weekly-report": defineJob({
    queue: "email",
    priority: "normal",
    schema: tenant.extend({ recipientId: z.uuid(), week: isoWeek }),
  }),
} satisfies Record<string, JobDefinition<z.ZodType, QueueName>>;

export type ProductCatalog = typeof jobCatalog;
