import { afterAll, beforeAll, expect, test } from "bun:test";
import { notificationPreferences, ticketFollowers } from "@helpdesk/db/schema";
import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { type MessageBody, openTicket } from "../../testing/tickets.ts";
import { loadFanOutFacts } from "./load-fan-out-facts.ts";

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  [org, other] = await Promise.all([createTestOrg(server.db), createTestOrg(server.db, "Other Org")]);
});
afterAll(() => server.close());

function eventOn(ticketId: string, fields: Partial<TicketEventPayload> = {}): TicketEventPayload {
  return {
    type: "message.added",
    organizationId: org.id,
    ticketId,
    actorId: org.customer.id,
    occurredAt: new Date().toISOString(),
    eventId: Bun.randomUUIDv7(),
    ...fields,
  };
}

test("one statement reads the ticket, active staff, followers, the message and the recipients' e-mail choices", async () => {
  const inactive = await org.addUser("agent", { active: false });
  const ticket = await openTicket(server, org);
  await server.db
    .insert(ticketFollowers)
    .values({ ticketId: ticket.id, userId: org.agent2.id, organizationId: org.id });
  const reply = await server.request<MessageBody>("POST", `/api/v1/tickets/${ticket.id}/messages`, {
    token: org.agent.token,
    body: { body: "cc @someone", internal: true },
  });
  await server.db.insert(notificationPreferences).values([
    { userId: org.customer.id, type: "message.added", email: false },
    { userId: org.agent.id, type: "message.added", email: true },
    // Another type, and another organization's user: neither is this event's business.
    { userId: org.agent2.id, type: "ticket.assigned", email: false },
    { userId: other.agent.id, type: "message.added", email: false },
  ]);

  const facts = await loadFanOutFacts(server.context(), eventOn(ticket.id, { messageId: reply.body.id }));

  expect(facts?.ticket).toEqual({
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    // An internal note leaves a new ticket new, and dates it (ISO, as every event spells times).
    status: "new",
    priority: ticket.priority,
    customerId: org.customer.id,
    assigneeId: ticket.assigneeId,
    updatedAt: reply.body.createdAt,
  });
  const staffIds = facts?.staff.map((member) => member.id).sort();
  expect(staffIds).toEqual([org.admin.id, org.agent.id, org.agent2.id].sort());
  expect(staffIds).not.toContain(inactive.id);
  expect(facts?.staff.find((member) => member.id === org.agent.id)).toEqual({
    id: org.agent.id,
    name: org.agent.name,
    email: org.agent.email,
    role: "agent",
  });
  expect(facts?.followers).toEqual([org.agent2.id]);
  expect(facts?.message).toEqual({ authorId: org.agent.id, internal: true, body: "cc @someone" });
  expect(Object.fromEntries(facts?.emailChoices ?? [])).toEqual({
    [org.customer.id]: false,
    [org.agent.id]: true,
  });
});

test("no message for an event without one, or with another ticket's message", async () => {
  const [ticket, otherTicket] = await Promise.all([openTicket(server, org), openTicket(server, org)]);
  const reply = await server.request<MessageBody>("POST", `/api/v1/tickets/${otherTicket.id}/messages`, {
    token: org.agent.token,
    body: { body: "elsewhere" },
  });
  expect((await loadFanOutFacts(server.context(), eventOn(ticket.id)))?.message).toBeNull();
  const wrong = await loadFanOutFacts(server.context(), eventOn(ticket.id, { messageId: reply.body.id }));
  expect(wrong?.message).toBeNull();
  expect(wrong?.followers).toEqual([]);
});

test("another organization's ticket reads as gone", async () => {
  const ticket = await openTicket(server, other);
  expect(await loadFanOutFacts(server.context(), eventOn(ticket.id))).toBeUndefined();
});
