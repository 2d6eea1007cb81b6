import { timestamp, uuid } from "drizzle-orm/pg-core";

/** UUIDv7 primary keys: time-ordered, so new rows land at the end of the index instead of at random. */
export const id = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => Bun.randomUUIDv7());

/** Millisecond precision so a timestamp read into a JS Date and sent back (cursors) compares equal. */
export const timestampMs = () => timestamp({ withTimezone: true, precision: 3, mode: "date" });

export const timestamps = () => ({
  createdAt: timestampMs().notNull().defaultNow(),
  updatedAt: timestampMs()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
