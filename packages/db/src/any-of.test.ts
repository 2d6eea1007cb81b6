import { afterAll, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { anyOf } from "./any-of.ts";
import { createDatabase } from "./client.ts";
import { organizations } from "./schema/index.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 1 });
afterAll(() => database.close());

test("matches any of the values, quotes and backslashes included, as one statement whatever the length", async () => {
  const tag = crypto.randomUUID().slice(0, 8);
  const slugs = [`a"quote-${tag}`, `back\\slash-${tag}`, `comma,brace}-${tag}`];
  const [org] = await database.db
    .insert(organizations)
    .values(slugs.map((slug) => ({ name: slug, slug })))
    .returning({ id: organizations.id });
  const found = async (values: string[]) =>
    (
      await database.db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(anyOf(organizations.slug, values))
    )
      .map((row) => row.slug)
      .sort();
  expect(await found(slugs)).toEqual([...slugs].sort());
  expect(await found([slugs[0] ?? "", "nothing"])).toEqual([slugs[0] ?? ""]);
  expect(await found([])).toEqual([]);
  const ids = await database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(anyOf(organizations.id, [org?.id ?? ""]));
  expect(ids).toEqual([{ id: org?.id ?? "" }]);
  const statements = await database.db.execute<{ count: number }>(
    sql`select count(*)::int as count from pg_prepared_statements where statement like '%"slug" = any(%'`,
  );
  expect(statements[0]?.count).toBe(1);
  await database.db.delete(organizations).where(anyOf(organizations.slug, slugs));
});
