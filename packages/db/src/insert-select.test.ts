import { afterAll, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { createDatabase } from "./client.ts";
import { selectRow } from "./insert-select.ts";
import { organizations } from "./schema/index.ts";

const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 1 });
const { db } = database;
afterAll(() => database.close());

const slug = () => `insert-select-${crypto.randomUUID().slice(0, 8)}`;

test("a row per source row, with every column left out taken from its SQL default", async () => {
  const given = slug();
  const id = Bun.randomUUIDv7();
  const row = selectRow(organizations, { id, name: "Acme", slug: given });
  const [inserted] = await db
    .insert(organizations)
    .select(db.select(row).from(sql`(select 1) as one_row`))
    .returning();
  expect(inserted).toMatchObject({
    id,
    name: "Acme",
    slug: given,
    timezone: "UTC",
    autoCloseDays: 7,
    ticketCounter: 0,
  });
  expect(Math.abs((inserted?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
});

test("no source row, no row", async () => {
  const given = slug();
  const row = selectRow(organizations, { id: Bun.randomUUIDv7(), name: "None", slug: given });
  await db.insert(organizations).select(db.select(row).from(sql`(select 1 where false) as no_row`));
  expect(await db.select().from(organizations).where(eq(organizations.slug, given))).toEqual([]);
});

test("placeholders are filled per run of a prepared statement, a null one as null", async () => {
  const insert = db
    .insert(organizations)
    .select(
      db
        .select(
          selectRow(organizations, {
            id: sql.placeholder("id"),
            name: sql.placeholder("name"),
            slug: sql.placeholder("slug"),
            autoCloseDays: sql.placeholder("days"),
          }),
        )
        .from(sql`(select 1) as one_row`),
    )
    .returning()
    .prepare("insert_select_test");
  const run = (name: string, days: number | null) =>
    insert.execute({ id: Bun.randomUUIDv7(), name, slug: slug(), days });
  const [first] = await run("One", 3);
  const [second] = await run("Two", 9);
  expect([first?.name, first?.autoCloseDays, second?.name, second?.autoCloseDays]).toEqual([
    "One",
    3,
    "Two",
    9,
  ]);
  await expect(run("Three", null)).rejects.toThrow(); // a null reaches the NOT NULL column as null
});

test("a column whose default is made in JS must be given", () => {
  expect(() => selectRow(organizations, { name: "No id", slug: slug() })).toThrow('give "id" a value');
});
