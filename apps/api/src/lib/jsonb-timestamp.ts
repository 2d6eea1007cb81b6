import { z } from "zod";

/**
 * A timestamp read from raw SQL as `to_jsonb(column)`: both database drivers decode jsonb to the
 * same ISO string, where a bare timestamptz column comes back as a Date from one and a string from
 * the other. For the single-statement writes, whose RETURNING goes through raw SQL.
 */
export const jsonbTimestamp = z.string().transform((value) => new Date(value));
