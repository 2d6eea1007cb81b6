import { ValidationError } from "./errors.ts";

/**
 * Opaque keyset cursor over (createdAt, id) descending. Keyset paging stays stable under concurrent
 * inserts: new rows sort before the cursor, so a page never repeats or skips a row.
 */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Only what encodeCursor could have produced gets through: anything else (a year PostgreSQL can't
 * store, an id that is not a UUID) would otherwise reach the query and fail there as a 500.
 */
export function decodeCursor(cursor: string): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 2) throw new Error();
    const [createdAt, id] = decoded;
    if (typeof createdAt !== "string" || !ISO_TIMESTAMP.test(createdAt)) throw new Error();
    if (typeof id !== "string" || !UUID.test(id)) throw new Error();
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt || date.getUTCFullYear() < 1)
      throw new Error();
    return { createdAt: date, id };
  } catch {
    throw ValidationError.field("query", "cursor", "is not a cursor this API issued");
  }
}

/** Takes `limit + 1` rows and turns them into a page and the cursor of the next one. */
export function toPage<T extends Cursor>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
