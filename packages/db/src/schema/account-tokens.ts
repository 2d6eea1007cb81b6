import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { users } from "./users.ts";

export const accountTokenPurposes = ["welcome", "password_reset"] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

/**
 * Single-use links that set a password (welcome and reset e-mails). Only a hash of the token is
 * stored: a leaked table hands out no working link.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: id(),
    organizationId: organizationId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text().$type<AccountTokenPurpose>().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestampMs().notNull(),
    usedAt: timestampMs(),
    createdAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId),
  ],
);

export type AccountToken = typeof accountTokens.$inferSelect;
