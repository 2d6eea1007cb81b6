import { weekdays } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

/** `GET/PATCH /organization`: the settings are present for admins only. */
export const organizationSettingsSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  autoCloseDays: z.number().int().optional(),
  digest: z.object({ enabled: z.boolean(), hour: z.number().int(), weekdaysOnly: z.boolean() }).optional(),
  weeklyReport: z
    .object({ enabled: z.boolean(), weekday: z.enum(weekdays), hour: z.number().int() })
    .optional(),
  retention: z
    .object({
      closedTicketDays: z.number().int().nullable(),
      notificationDays: z.number().int(),
      emailLogDays: z.number().int(),
    })
    .optional(),
  createdAt: isoDate.optional(),
  updatedAt: isoDate.optional(),
});
