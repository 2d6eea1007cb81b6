import { afterAll, beforeAll, expect, test } from "bun:test";
import { notifications } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { openTicket } from "../../testing/tickets.ts";
import { KEEP_EVENT_IDS, type NotificationInput, recordNotification } from "./record-notification.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

function eventFor(ticketId: string, type = "message.added"): NotificationInput {
  return {
    organizationId: org.id,
    userId: org.agent.id,
    ticketId,
    type,
    eventId: Bun.randomUUIDv7(),
    data: { ticketNumber: 1 },
  };
}

const rowsOf = (ticketId: string) =>
  server.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, org.agent.id), eq(notifications.ticketId, ticketId)));

test("an event the user already has changes nothing, and answers no row", async () => {
  const ticket = await openTicket(server, org);
  const event = eventFor(ticket.id);
  const first = await recordNotification(server.context(), event);
  const again = await recordNotification(server.context(), event);
  expect(first).toMatchObject({ userId: org.agent.id, count: 1, data: { ticketNumber: 1 } });
  expect(again).toBeUndefined();
  const [row] = await rowsOf(ticket.id);
  expect(row?.count).toBe(1);
});

test("events of one (user, ticket, type) arriving at once collapse into one row", async () => {
  const ticket = await openTicket(server, org);
  const events = Array.from({ length: 8 }, () => eventFor(ticket.id));
  const results = await Promise.all(events.map((event) => recordNotification(server.context(), event)));
  expect(results.every((result) => result !== undefined)).toBe(true);
  const rows = await rowsOf(ticket.id);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.count).toBe(8);
  expect(new Set(rows[0]?.eventIds)).toEqual(new Set(events.map((event) => event.eventId)));
});

test("another type, or the same type after the window, starts a new row", async () => {
  const ticket = await openTicket(server, org);
  const first = await recordNotification(server.context(), eventFor(ticket.id));
  await recordNotification(server.context(), eventFor(ticket.id, "ticket.assigned"));
  expect(await rowsOf(ticket.id)).toHaveLength(2);
  await server.db
    .update(notifications)
    .set({ updatedAt: new Date(Date.now() - 6 * 60_000) })
    .where(eq(notifications.id, first?.id ?? ""));
  const later = await recordNotification(server.context(), eventFor(ticket.id));
  expect(later?.id).not.toBe(first?.id);
  expect(later?.count).toBe(1);
});

test("a collapsed row becomes unread again and keeps only its latest event ids", async () => {
  const ticket = await openTicket(server, org);
  const events = Array.from({ length: KEEP_EVENT_IDS + 5 }, () => eventFor(ticket.id));
  for (const event of events.slice(0, 5)) await recordNotification(server.context(), event);
  const [read] = await rowsOf(ticket.id);
  await server.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(eq(notifications.id, read?.id ?? ""));
  for (const event of events.slice(5)) await recordNotification(server.context(), event);
  const [row] = await rowsOf(ticket.id);
  expect(row?.count).toBe(KEEP_EVENT_IDS + 5);
  expect(row?.readAt).toBeNull();
  expect(row?.eventIds).toEqual(events.slice(5).map((event) => event.eventId));
  expect(row?.updatedAt.getTime()).toBeGreaterThan(row?.createdAt.getTime() ?? 0);
});
