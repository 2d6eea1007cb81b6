import { afterAll, beforeAll, expect, test } from "bun:test";
import { createDatabase } from "../client.ts";
import { organizations, tickets, users } from "../schema/index.ts";
import { recordNotification, recordNotifications } from "./record-notification.ts";

// The query on its own; the collapse rules through the service: apps/api/src/services/notifications.
const database = createDatabase(process.env.DATABASE_URL ?? "", { max: 2 });
const { db } = database;
let input: Parameters<typeof recordNotification>[1];
beforeAll(async () => {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Q", slug: `q-${crypto.randomUUID()}` })
    .returning();
  const organizationId = org?.id ?? "";
  const [user] = await db
    .insert(users)
    .values({ organizationId, role: "agent", name: "A", email: "a@q.test", passwordHash: "x" })
    .returning();
  const [ticket] = await db
    .insert(tickets)
    .values({ organizationId, number: 1, subject: "S", customerId: user?.id ?? "" })
    .returning();
  input = {
    organizationId,
    userId: user?.id ?? "",
    ticketId: ticket?.id ?? "",
    type: "message.added",
    eventId: "",
    data: { n: 1 },
    collapseWindowMs: 60_000,
    keepEventIds: 2,
  };
});
afterAll(() => database.close());

test("answers the recorded row, typed as the table's; no row for an event already recorded", async () => {
  const eventId = crypto.randomUUID();
  const row = await recordNotification(db, { ...input, eventId });
  expect(row).toMatchObject({
    userId: input.userId,
    count: 1,
    eventIds: [eventId],
    data: { n: 1 },
    readAt: null,
  });
  expect(row?.createdAt).toBeInstanceOf(Date);
  expect(await recordNotification(db, { ...input, eventId })).toBeUndefined();
});

test("collapses within the window and keeps only the latest ids", async () => {
  const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  let last: Awaited<ReturnType<typeof recordNotification>>;
  for (const eventId of ids)
    last = await recordNotification(db, { ...input, type: "ticket.assigned", eventId });
  expect(last).toMatchObject({ count: 3, eventIds: ids.slice(1) });
});

test("many at once: each as one would be, in one statement; repeats and recorded events answer no row", async () => {
  const { collapseWindowMs, keepEventIds, ...row } = input;
  const rules = { collapseWindowMs, keepEventIds };
  const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const first = await recordNotifications(
    db,
    [
      { ...row, type: "sla.breached", eventId: a, data: { n: 1 } },
      { ...row, type: "sla.warning", eventId: b, data: { n: 2 } },
    ],
    rules,
  );
  expect(first.map((n) => [n.type, n.eventIds, n.data]).sort()).toEqual([
    ["sla.breached", [a], { n: 1 }],
    ["sla.warning", [b], { n: 2 }],
  ]);
  expect(first[0]?.createdAt).toBeInstanceOf(Date);
  // a again (recorded: no row), c collapses into a's row.
  const second = await recordNotifications(
    db,
    [
      { ...row, type: "sla.breached", eventId: a, data: { n: 1 } },
      { ...row, type: "sla.breached", eventId: c, data: { n: 3 } },
    ],
    rules,
  );
  expect(second).toHaveLength(1);
  expect(second[0]).toMatchObject({ count: 2, eventIds: [a, c], data: { n: 3 } });
  expect(await recordNotifications(db, [], rules)).toEqual([]);
});
