import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * A timestamp as ISO 8601 UTC text with milliseconds (`2026-12-03T09:00:00.000Z`), written by
 * PostgreSQL: what `Date.toISOString()` gives, for values that never pass through JavaScript.
 */
export const isoText = (timestamp: SQLWrapper): SQL<string> =>
  sql<string>`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
