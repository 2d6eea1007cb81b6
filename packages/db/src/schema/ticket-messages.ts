import { relations } from "drizzle-orm";
import { boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: id(),
    organizationId: organizationId(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    /** Agent-only note: never shown to, or sent to, the customer. */
    internal: boolean().notNull().default(false),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [index("ticket_messages_ticket_created_idx").on(t.ticketId, t.createdAt, t.id)],
);

export type TicketMessage = typeof ticketMessages.$inferSelect;

export const ticketMessagesRelations = relations(ticketMessages, ({ one }) => ({
  ticket: one(tickets, { fields: [ticketMessages.ticketId], references: [tickets.id] }),
  author: one(users, { fields: [ticketMessages.authorId], references: [users.id] }),
}));
