import { notificationTypes, userRoles } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

export const notificationSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  ticketId: z.uuid().nullable(),
  count: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  readAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const notificationPageSchema = z.object({
  data: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

export const preferencesSchema = z.object({
  preferences: z.array(
    z.object({
      type: z.enum(notificationTypes),
      email: z.boolean(),
      inApp: z.literal(true),
      isDefault: z.boolean(),
    }),
  ),
});

export const followersSchema = z.object({
  followers: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(userRoles) })),
});
