import { ValidationError } from "../errors.ts";

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

export function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime()))
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
