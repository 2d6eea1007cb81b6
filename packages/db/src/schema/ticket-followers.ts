import { relations } from "drizzle-orm";
import { index, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

/** Staff who follow a ticket hear of its public messages without being its assignee. */
export const ticketFollowers = pgTable(
  "ticket_followers",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: organizationId(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_followers_user_idx").on(t.userId)],
);

export const ticketFollowersRelations = relations(ticketFollowers, ({ one }) => ({
  ticket: one(tickets, { fields: [ticketFollowers.ticketId], references: [tickets.id] }),
}));
