import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs, timestamps } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

/** Every kind of notification; preferences are per type. */
export const notificationTypes = [
  "ticket.created",
  "message.added",
  "ticket.assigned",
  "ticket.status_changed",
  "sla.warning",
  "sla.breached",
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** In-app notification. Repeats of one (ticket, user, type) within a short window collapse into one row. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    organizationId: organizationId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ticketId: uuid().references(() => tickets.id, { onDelete: "cascade" }),
    type: text().notNull(),
    /** How many events this row stands for (collapsed repeats). */
    count: integer().notNull().default(1),
    /**
     * The latest events' ids: a redelivered job never counts its event twice. Looked up through the
     * (user, ticket, type) index, never indexed themselves: a GIN index rewrote them all on every
     * collapse (packages/db/migrations/0009).
     */
    eventIds: text().array().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestampMs(),
    ...timestamps(),
  },
  (t) => [
    index("notifications_user_unread_idx").on(t.userId, t.readAt, t.updatedAt.desc(), t.id.desc()),
    // Collapsing, and "has this user already been told of event X?" (redelivered jobs).
    index("notifications_collapse_idx").on(t.userId, t.ticketId, t.type, t.updatedAt.desc()),
    // Retention: read notifications by age, per organization.
    index("notifications_org_read_idx").on(t.organizationId, t.readAt).where(sql`${t.readAt} is not null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
