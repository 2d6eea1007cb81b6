import { z } from "zod";
import { ValidationError } from "./errors.ts";

/**
 * The one codec of every list's keyset cursor: base64url of a JSON array whose elements are checked
 * one by one on the way back. Only what `encode` could have produced gets through; anything else (a
 * year PostgreSQL can't store, an id that is not a UUID, an extra element) would otherwise reach the
 * query and fail there as a 500, or page through nothing.
 */
export function cursorCodec<T extends z.ZodTuple>(elements: T) {
  return {
    encode(values: z.input<T>): string {
      return Buffer.from(JSON.stringify(values)).toString("base64url");
    },
    decode(cursor: string): z.output<T> {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        decoded = undefined;
      }
      const parsed = elements.safeParse(decoded);
      if (!parsed.success) throw ValidationError.field("query", "cursor", "is not a cursor this API issued");
      return parsed.data;
    },
  };
}

/** A millisecond timestamp as `toISOString` writes it, back to the same Date. */
export const cursorTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1);
export const cursorId = z.uuid();
/** The cursor query parameter itself: opaque, and short. */
export const cursorParam = z.string().max(300);

/** Opaque keyset cursor over (createdAt, id) descending, the order of most lists. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

const createdAtCursor = cursorCodec(z.tuple([cursorTimestamp, cursorId]));

export const encodeCursor = (row: Cursor) => createdAtCursor.encode([row.createdAt.toISOString(), row.id]);

export function decodeCursor(cursor: string): Cursor {
  const [createdAt, id] = createdAtCursor.decode(cursor);
  return { createdAt, id };
}

/** Takes `limit + 1` rows and turns them into a page and the cursor of the next one. */
export function toPage<T extends Cursor>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
