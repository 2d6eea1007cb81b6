import { afterAll, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { createDatabase } from "./client.ts";
import { organizations } from "./schema/index.ts";

// One connection, so what is prepared is visible to the next query.
const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 1 });
afterAll(() => database.close());

const preparedLike = async (text: string) => {
  const rows = await database.db.execute<{ count: number }>(
    sql`select count(*)::int as count from pg_prepared_statements where statement like ${`%${text}%`}`,
  );
  return rows[0]?.count ?? 0;
};

test("a query built without .prepare() is prepared once per connection and reused", async () => {
  const marker = `client-test-${crypto.randomUUID().slice(0, 8)}`;
  for (let i = 0; i < 3; i++) {
    await database.db.select().from(organizations).where(eq(organizations.slug, marker));
  }
  expect(await preparedLike(`"organizations"."slug" = $1`)).toBe(1);
});

test("queries inside a transaction are prepared too", async () => {
  await database.db.transaction(async (tx) => {
    await tx
      .select({ n: sql<number>`1 + ${2}::int` })
      .from(organizations)
      .limit(1);
  });
  expect(await preparedLike("1 + $1::int")).toBe(1);
});
