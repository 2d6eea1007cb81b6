import { pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

/**
 * Up to which message of a ticket a user has been e-mailed, so the next message e-mail lists only
 * what is new to them, however the debounced jobs and concurrent fan-outs interleave.
 */
export const messageEmailCursors = pgTable(
  "message_email_cursors",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastMessageAt: timestampMs().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] })],
);
