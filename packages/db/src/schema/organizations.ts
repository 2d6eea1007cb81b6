import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.ts";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** The daily digest to agents: sent at `hour` local time, for the local day before. */
export interface DigestSettings {
  enabled: boolean;
  hour: number;
  weekdaysOnly: boolean;
}
/** The weekly report to admins: sent on `weekday` at `hour` local time, for the ISO week before. */
export interface WeeklyReportSettings {
  enabled: boolean;
  weekday: Weekday;
  hour: number;
}
/** How long rows are kept, in days; `closedTicketDays` null keeps closed tickets for good. */
export interface RetentionSettings {
  closedTicketDays: number | null;
  notificationDays: number;
  emailLogDays: number;
}

export const defaultDigest: DigestSettings = { enabled: true, hour: 8, weekdaysOnly: true };
export const defaultWeeklyReport: WeeklyReportSettings = { enabled: true, weekday: "mon", hour: 8 };
export const defaultRetention: RetentionSettings = {
  closedTicketDays: null,
  notificationDays: 90,
  emailLogDays: 90,
};

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text().notNull(),
    slug: text().notNull(),
    /** IANA zone; schedules (digests, reports) run in the organization's local time. */
    timezone: text().notNull().default("UTC"),
    autoCloseDays: integer().notNull().default(7),
    digest: jsonb().$type<DigestSettings>().notNull().default(defaultDigest),
    weeklyReport: jsonb().$type<WeeklyReportSettings>().notNull().default(defaultWeeklyReport),
    retention: jsonb().$type<RetentionSettings>().notNull().default(defaultRetention),
    /** Last ticket number handed out; bumped inside the ticket's transaction so numbers never repeat. */
    ticketCounter: integer().notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex("organizations_slug_unique").on(t.slug)],
);

/** The tenant column every other table carries; deleting an organization deletes its rows. */
export const organizationId = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export type Organization = typeof organizations.$inferSelect;
