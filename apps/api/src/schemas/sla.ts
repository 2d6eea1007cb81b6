import { slaTargets, ticketPriorities } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

const targetMinutes = z.object({
  firstResponseMinutes: z.number().int().optional(),
  nextResponseMinutes: z.number().int().optional(),
  resolutionMinutes: z.number().int().optional(),
});

const openInterval = z.object({ start: z.string(), end: z.string() });

/** An SLA policy as the API shows it (the rules of each field: docs/sla.md). */
export const slaPolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  /** Business minutes per priority and target; one left out has no SLA. */
  targets: z.partialRecord(z.enum(ticketPriorities), targetMinutes),
  businessHours: z
    .object({
      timezone: z.string(),
      /** Keyed mon…sun; a weekday left out is closed. */
      weekly: z.record(z.string(), z.array(openInterval)),
      holidays: z.array(z.string()),
    })
    .nullable(),
  escalation: z.object({ notifyUserIds: z.array(z.uuid()), reassignToId: z.uuid().nullable() }),
  createdAt: isoDate,
  updatedAt: isoDate,
});

/** A deadline that passed unmet, with its ticket's number and subject (docs/sla.md, "Breaches"). */
export const slaBreachSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number().int(),
  ticketSubject: z.string(),
  target: z.enum(slaTargets),
  dueAt: isoDate,
  breachedAt: isoDate,
  priority: z.enum(ticketPriorities),
  /** The assignee when the breach was recorded. */
  assigneeId: z.uuid().nullable(),
  policyId: z.uuid().nullable(),
});
