import { afterAll, expect, test } from "bun:test";
import { asc, like, sql } from "drizzle-orm";
import { createDatabase } from "./client.ts";
import { organizations } from "./schema/index.ts";
import { streamRows } from "./stream-rows.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 1 });
afterAll(() => database.close());

test("streams a Drizzle select in batches, rows as arrays in the select's order, and stops early", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  await database.db.execute(sql`
    insert into organizations (id, name, slug)
    select gen_random_uuid(), 'Org ' || i, ${`stream-${tag}-`} || lpad(i::text, 4, '0')
    from generate_series(1, 2500) as i`);
  const query = database.db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(like(organizations.slug, `stream-${tag}-%`))
    .orderBy(asc(organizations.slug));
  const sizes: number[] = [];
  const rows: unknown[][] = [];
  for await (const batch of streamRows(database.db, query, 1_000)) {
    sizes.push(batch.length);
    rows.push(...batch);
  }
  expect(sizes).toEqual([1_000, 1_000, 500]);
  expect(rows[0]).toEqual([`stream-${tag}-0001`, "Org 1"]);
  expect(rows.at(-1)).toEqual([`stream-${tag}-2500`, "Org 2500"]);

  // Leaving the loop closes the cursor: the one connection is free for the next query.
  for await (const _batch of streamRows(database.db, query, 10)) break;
  const [count] = await database.db.execute<{ n: number }>(sql`select 1 as n`);
  expect(count?.n).toBe(1);
});
