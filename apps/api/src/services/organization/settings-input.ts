import { weekdays } from "@helpdesk/db/schema";
import { z } from "zod";
import { timeZoneInput } from "../../lib/time-zone.ts";

/** Ten years: anything longer is "keep", which `closedTicketDays: null` says plainly. */
const MAX_RETENTION_DAYS = 3_650;

const hour = z.number().int("must be a whole hour").min(0).max(23);
const days = z.number().int("must be whole days").min(1).max(MAX_RETENTION_DAYS);

/**
 * What an admin may change (docs/automations.md, "Organization settings"). Every field is optional
 * and the nested ones merge: `{ "digest": { "hour": 9 } }` moves the digest and keeps the rest.
 */
export const updateOrganizationInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    timezone: timeZoneInput.optional(),
    autoCloseDays: z.number().int("must be whole days").min(1).max(90).optional(),
    digest: z.object({ enabled: z.boolean(), hour, weekdaysOnly: z.boolean() }).partial().strict().optional(),
    weeklyReport: z
      .object({ enabled: z.boolean(), weekday: z.enum(weekdays), hour })
      .partial()
      .strict()
      .optional(),
    retention: z
      .object({ closedTicketDays: days.nullable(), notificationDays: days, emailLogDays: days })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, "must change at least one setting");

export type UpdateOrganizationInput = z.output<typeof updateOrganizationInput>;
