import { z } from "zod";
import { defineJob } from "./define.ts";

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
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];

export const ticketEventPayload = tenant.extend({
  type: z.enum(ticketEventTypes),
  ticketId: z.uuid(),
  /** Who caused the event; never notified of their own action. Null for the system (auto-close). */
  actorId: z.uuid().nullable(),
  /** Optional: only `message.added` carries it. */
  messageId: z.uuid().optional(),
  /** Optional: status changes carry from/to; assignments carry the new assignee. */
  fromStatus: z.string().optional(),
  toStatus: z.string().optional(),
  assigneeId: z.uuid().nullable().optional(),
  occurredAt: z.iso.datetime(),
});
export type TicketEventPayload = z.output<typeof ticketEventPayload>;

export const jobCatalog = {
  /** Fan a ticket event out to the people who should hear of it. */
  "ticket.event": defineJob({ queue: "ticket-notifications", schema: ticketEventPayload }),

  /** Finds resolved tickets past their organization's autoCloseDays and enqueues a close for each. */
  "tickets.auto-close-scan": defineJob({
    queue: "ticket-actions",
    schema: z.object({}),
    schedule: { pattern: "*/15 * * * *" },
    options: { attempts: 1 },
  }),
  "tickets.auto-close": defineJob({
    queue: "ticket-actions",
    schema: tenant.extend({ ticketId: z.uuid() }),
  }),

  /** Retention: deletes relayed outbox rows, old dead letters and old notifications in bounded batches. */
  "cleanup.sweep": defineJob({
    queue: "cleanup",
    schema: z.object({ batchSize: z.number().int().min(1).max(10_000).default(1_000) }),
    schedule: { pattern: "17 3 * * *" },
  }),
};

export type ProductCatalog = typeof jobCatalog;
