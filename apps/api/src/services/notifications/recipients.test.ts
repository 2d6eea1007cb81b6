import { describe, expect, test } from "bun:test";
import { mentionedStaff, type RecipientInput, recipientsOf } from "./recipients.ts";

const customer = "customer";
const assignee = "assignee";
const agentA = "agent-a";
const agentB = "agent-b";
const admin = "admin";
const follower = "follower";
const staffIds = [assignee, agentA, agentB, admin, follower];

const assigned = { customerId: customer, assigneeId: assignee };
const unassigned = { customerId: customer, assigneeId: null };
const base = { staffIds, followerIds: [follower], adminIds: [admin] };

/** [case, input, who hears of it] — the table in docs/notifications.md, row by row. */
const table: [string, RecipientInput, string[]][] = [
  [
    "ticket created by the customer → the customer (confirmation e-mail only) and every agent",
    { ...base, type: "ticket.created", actorId: customer, ticket: unassigned },
    [customer, agentA, agentB, admin, assignee, follower],
  ],
  [
    "ticket created by an agent for a customer → the customer and the other agents",
    { ...base, type: "ticket.created", actorId: agentA, ticket: unassigned },
    [customer, agentB, admin, assignee, follower],
  ],
  [
    "assigned by an admin → the new assignee",
    { ...base, type: "ticket.assigned", actorId: admin, ticket: assigned, assigneeId: assignee },
    [assignee],
  ],
  [
    "an agent assigning themself → nobody",
    { ...base, type: "ticket.assigned", actorId: assignee, ticket: assigned, assigneeId: assignee },
    [],
  ],
  [
    "customer's public reply on an assigned ticket → the assignee and followers",
    {
      ...base,
      type: "message.added",
      actorId: customer,
      ticket: assigned,
      message: { authorId: customer, internal: false, mentionedIds: [] },
    },
    [assignee, follower],
  ],
  [
    "customer's public reply on an unassigned ticket → every agent",
    {
      ...base,
      type: "message.added",
      actorId: customer,
      ticket: unassigned,
      message: { authorId: customer, internal: false, mentionedIds: [] },
    },
    [assignee, agentA, agentB, admin, follower],
  ],
  [
    "agent's public reply → the customer and followers, not the author",
    {
      ...base,
      type: "message.added",
      actorId: assignee,
      ticket: assigned,
      message: { authorId: assignee, internal: false, mentionedIds: [] },
    },
    [customer, follower],
  ],
  [
    "internal note → the assignee and the mentioned agents, never the customer or followers",
    {
      ...base,
      type: "message.added",
      actorId: agentA,
      ticket: assigned,
      message: { authorId: agentA, internal: true, mentionedIds: [agentB] },
    },
    [assignee, agentB],
  ],
  [
    "status → resolved → the customer and the assignee",
    { ...base, type: "ticket.status_changed", actorId: agentA, ticket: assigned, toStatus: "resolved" },
    [customer, assignee],
  ],
  [
    "status → closed by the auto-close scan (no actor) → the customer and the assignee",
    { ...base, type: "ticket.status_changed", actorId: null, ticket: assigned, toStatus: "closed" },
    [customer, assignee],
  ],
  [
    "status → pending → the assignee only",
    { ...base, type: "ticket.status_changed", actorId: agentA, ticket: assigned, toStatus: "pending" },
    [assignee],
  ],
  [
    "customer resolving their own ticket → the assignee",
    { ...base, type: "ticket.status_changed", actorId: customer, ticket: assigned, toStatus: "resolved" },
    [assignee],
  ],
  [
    "SLA warning → the assignee only",
    { ...base, type: "sla.warning", actorId: null, ticket: assigned },
    [assignee],
  ],
  [
    "SLA breach → the assignee, the admins and the policy's escalation list",
    { ...base, type: "sla.breached", actorId: null, ticket: assigned, escalationIds: [agentB] },
    [assignee, admin, agentB],
  ],
  [
    "SLA breach on an unassigned ticket → every agent and the admins",
    { ...base, type: "sla.breached", actorId: null, ticket: unassigned },
    staffIds,
  ],
];

describe("who hears of a ticket event", () => {
  for (const [name, input, expected] of table) {
    test(name, () => {
      const recipients = recipientsOf(input);
      expect(recipients.map((r) => r.userId).sort()).toEqual([...expected].sort());
      expect(recipients.every((r) => r.audience === (r.userId === customer ? "customer" : "staff"))).toBe(
        true,
      );
      // Only the receipt for one's own new ticket skips the in-app channel.
      const receiptOnly = recipients.filter((r) => !r.inApp).map((r) => r.userId);
      expect(receiptOnly).toEqual(
        input.type === "ticket.created" && input.actorId === customer ? [customer] : [],
      );
    });
  }
});

describe("@mentions", () => {
  const staff = [
    { id: "1", name: "Alice Agent", email: "alice@acme.test" },
    { id: "2", name: "Bob Martin", email: "b.martin@acme.test" },
    { id: "3", name: "Élodie Durand", email: "elodie@acme.test" },
  ];
  test("match first name, full name without spaces or e-mail local part, case-insensitively", () => {
    expect(mentionedStaff("cc @alice and @BobMartin", staff)).toEqual(["1", "2"]);
    expect(mentionedStaff("@b.martin please look", staff)).toEqual(["2"]);
    expect(mentionedStaff("@élodie", staff)).toEqual(["3"]);
  });
  test("e-mail addresses and unknown names mention nobody", () => {
    expect(mentionedStaff("write to alice@acme.test or @carol", staff)).toEqual([]);
  });
});
