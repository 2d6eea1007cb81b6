import { integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.ts";

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text().notNull(),
    slug: text().notNull(),
    /** IANA zone; schedules (digests, reports) run in the organization's local time. */
    timezone: text().notNull().default("UTC"),
    autoCloseDays: integer().notNull().default(7),
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
