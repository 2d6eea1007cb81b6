import { ticketPriorities, ticketStatuses, userRoles } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

const slaTargetView = z
  .object({
    dueAt: isoDate.nullable(),
    state: z.enum(["ok", "at_risk", "paused", "breached", "met"]),
    remainingSeconds: z.number().int(),
  })
  .nullable();

/** Deadlines under the ticket's SLA policy (docs/sla.md); null without one, and for customers. */
export const slaSchema = z
  .object({
    policyId: z.uuid(),
    firstResponse: slaTargetView,
    nextResponse: slaTargetView,
    resolution: slaTargetView,
  })
  .nullable();

export const ticketSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  customerId: z.uuid(),
  assigneeId: z.uuid().nullable(),
  firstResponseAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  closedReason: z.string().nullable(),
  sla: slaSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const messageSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  body: z.string(),
  internal: z.boolean(),
  createdAt: isoDate,
  author: z.object({ id: z.uuid(), name: z.string(), role: z.enum(userRoles) }),
});

export const ticketWithMessagesSchema = ticketSchema.extend({
  /** The latest messages (at most 50), oldest first. */
  messages: z.array(messageSchema),
  /** Pass as `cursor` to `GET /tickets/:id/messages` for the older ones; null when there are none. */
  olderMessagesCursor: z.string().nullable(),
});
