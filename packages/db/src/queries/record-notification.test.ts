import { afterAll, beforeAll, expect, test } from "bun:test";
import { createDatabase } from "../client.ts";
import { organizations, tickets, users } from "../schema/index.ts";
import { recordNotification } from "./record-notification.ts";

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
