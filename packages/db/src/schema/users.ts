import { relations, sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestampMs, timestamps } from "./columns.ts";
import { notificationPreferences } from "./notification-preferences.ts";
import { organizationId, organizations } from "./organizations.ts";

export const userRoles = ["customer", "agent", "admin"] as const;
export const userRole = pgEnum("user_role", userRoles);
export type UserRole = (typeof userRoles)[number];

export const locales = ["en", "fr"] as const;
export const locale = pgEnum("locale", locales);
export type Locale = (typeof locales)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    organizationId: organizationId(),
    role: userRole().notNull(),
    name: text().notNull(),
    /** Stored lower-cased; the unique index is on lower(email) as a second guard. */
    email: text().notNull(),
    passwordHash: text().notNull(),
    locale: locale().notNull().default("en"),
    active: boolean().notNull().default(true),
    /** Bearer tokens issued before this are refused: set when the password is reset. */
    sessionsValidFrom: timestampMs(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_org_email_unique").on(t.organizationId, sql`lower(${t.email})`),
    index("users_org_role_idx").on(t.organizationId, t.role, t.name),
  ],
);

export type User = typeof users.$inferSelect;

export const usersRelations = relations(users, ({ one, many }) => ({
  organization: one(organizations, { fields: [users.organizationId], references: [organizations.id] }),
  notificationPreferences: many(notificationPreferences),
}));

/**
 * The organization's side of its users, declared here rather than in organizations.ts: that file
 * would have to import this one, and the `organizationId` column helper this table is made with
 * would not be defined yet when the two modules load each other.
 */
export const organizationsRelations = relations(organizations, ({ many }) => ({
  users: many(users),
}));
