import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { users } from "./users.ts";

/**
 * A client's `Idempotency-Key` and the answer its first request got, kept 24 hours: a retry with
 * the same key and body gets that answer again and creates nothing. Written in the same
 * transaction as what the request created, so the two are never apart.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organizationId: organizationId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** The request the key was first used for (route and body): another one under it is refused. */
    requestHash: text().notNull(),
    statusCode: integer().notNull(),
    response: jsonb().notNull(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId, t.key] }),
    // The retention sweep deletes the expired ones, oldest first.
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);
