import { z } from "zod";
import { route } from "../http/route.ts";
import { idParam } from "../schemas/common.ts";
import { notificationPageSchema, notificationSchema, preferencesSchema } from "../schemas/notification.ts";
import { listNotifications, listNotificationsQuery } from "../services/notifications/list-notifications.ts";
import { markAllNotificationsRead, markNotificationRead } from "../services/notifications/mark-read.ts";
import {
  getPreferences,
  updatePreferences,
  updatePreferencesInput,
} from "../services/notifications/preferences.ts";

const everyone = ["customer", "agent", "admin"] as const;
const tag = "Notifications";

export const notificationRoutes = [
  route({
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    tag,
    summary: "Your in-app notifications, unread first, with the unread count",
    access: everyone,
    query: listNotificationsQuery,
    response: notificationPageSchema,
    handler: (ctx, { query }) => listNotifications(ctx, query),
  }),
  route({
    method: "post",
    path: "/notifications/read-all",
    operationId: "markAllNotificationsRead",
    tag,
    summary: "Mark all your notifications read",
    access: everyone,
    response: z.object({ updated: z.number().int() }),
    handler: (ctx) => markAllNotificationsRead(ctx),
  }),
  route({
    method: "post",
    path: "/notifications/:id/read",
    operationId: "markNotificationRead",
    tag,
    summary: "Mark one notification read",
    access: everyone,
    params: idParam,
    response: notificationSchema,
    handler: (ctx, { params }) => markNotificationRead(ctx, params.id),
  }),
  route({
    method: "get",
    path: "/me/notification-preferences",
    operationId: "getNotificationPreferences",
    tag,
    summary: "Which notification types you get by e-mail (in-app is always on)",
    access: everyone,
    response: preferencesSchema,
    handler: (ctx) => getPreferences(ctx),
  }),
  route({
    method: "put",
    path: "/me/notification-preferences",
    operationId: "updateNotificationPreferences",
    tag,
    summary: "Choose e-mail on or off per notification type",
    description: "Types not listed keep their current setting.",
    access: everyone,
    body: updatePreferencesInput,
    response: preferencesSchema,
    handler: (ctx, { body }) => updatePreferences(ctx, body),
  }),
];
