import { locales, userRoles } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

/** A user as the API shows it: never the password hash. */
export const userSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  role: z.enum(userRoles),
  name: z.string(),
  email: z.string(),
  locale: z.enum(locales),
  active: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  autoCloseDays: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
