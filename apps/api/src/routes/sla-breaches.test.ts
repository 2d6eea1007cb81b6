import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type SlaTarget, slaBreaches, slaClocks, slaPolicies, tickets } from "@helpdesk/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import { recordBreach } from "../services/sla/record-breach.ts";
import { syncTicketSla } from "../services/sla/sync-ticket-sla.ts";
import { createTestOrg, type TestOrg, type TestUser } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket, type TicketBody } from "../testing/tickets.ts";

const MINUTE = 60_000;
const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
let ticketA: TicketBody;
let ticketA2: TicketBody;
/** orgA's breaches as the list must answer them, newest first. */
let expected: Record<string, unknown>[];

async function insertBreach(
  org: TestOrg,
  ticket: TicketBody,
  target: SlaTarget,
  breachedAt: Date,
  assigneeId: string | null = null,
) {
  const [row] = await server.db
    .insert(slaBreaches)
    .values({
      organizationId: org.id,
      ticketId: ticket.id,
      target,
      dueAt: new Date(breachedAt.getTime() - 1_000),
      breachedAt,
      priority: ticket.priority,
      assigneeId,
      policyId: null,
    })
    .returning();
  if (!row) throw new Error("breach insert returned nothing");
  return {
    id: row.id,
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    ticketSubject: ticket.subject,
    target,
    dueAt: row.dueAt.toISOString(),
    breachedAt: breachedAt.toISOString(),
    priority: ticket.priority,
    assigneeId,
    policyId: null,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  [orgA, orgB] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
  // No policy: the rows below are the organization's only breaches.
  ticketA = await openTicket(server, orgA, { subject: "VPN drops", priority: "urgent" });
  ticketA2 = await openTicket(server, orgA, { subject: "Invoice missing" });
  const rows = [
    await insertBreach(orgA, ticketA, "first_response", at(0), orgA.agent.id),
    await insertBreach(orgA, ticketA, "resolution", at(1), orgA.agent.id),
    await insertBreach(orgA, ticketA2, "next_response", at(2)),
    await insertBreach(orgA, ticketA2, "first_response", at(3)),
    // The same instant as the one before: the id breaks the tie.
    await insertBreach(orgA, ticketA2, "resolution", at(3)),
  ];
  expected = rows.sort((a, b) => b.breachedAt.localeCompare(a.breachedAt) || b.id.localeCompare(a.id));
  const ticketB = await openTicket(server, orgB, { subject: "Other org" });
  await insertBreach(orgB, ticketB, "first_response", at(2));
});
afterAll(() => server.close());

function list(actor: TestUser, query = "") {
  return server.request("GET", `/api/v1/sla-breaches${query}`, { token: actor.token });
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("GET /sla-breaches", () => {
  test("lists the organization's breaches newest first, each with its ticket's number and subject", async () => {
    const res = await list(orgA.agent);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: expected, nextCursor: null });
    const asAdmin = await list(orgA.admin);
    expect(asAdmin.body).toEqual(res.body);
  });

  test("pages with the cursor over (breachedAt, id), ties included", async () => {
    // Pages of 1 split the two breaches of one instant; pages of 2 end on an instant.
    for (const [limit, pages] of [
      [1, 5],
      [2, 3],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let count = 0;
      do {
        const res = await list(orgA.agent, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(res.body.data));
        cursor = res.body.nextCursor;
        count += 1;
      } while (cursor);
      expect({ limit, count, seen }).toEqual({
        limit,
        count: pages,
        seen: ids(expected as { id: string }[]),
      });
    }
  });

  test("`from` is inclusive and `to` exclusive, on breachedAt", async () => {
    const res = await list(orgA.agent, `?from=${at(1).toISOString()}&to=${at(3).toISOString()}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((item: { breachedAt: string }) => item.breachedAt)).toEqual([
      at(2).toISOString(),
      at(1).toISOString(),
    ]);
    const empty = await list(orgA.agent, `?from=${at(1).toISOString()}&to=${at(1).toISOString()}`);
    expect(empty.body).toEqual({ data: [], nextCursor: null });
    const onlyFrom = await list(orgA.agent, `?from=${at(3).toISOString()}`);
    expect(onlyFrom.body.data).toHaveLength(2);
  });

  test("`target` keeps one target's breaches, and pages within them", async () => {
    const res = await list(orgA.agent, "?target=first_response");
    const firstResponses = expected.filter((item) => item.target === "first_response");
    expect(res.body.data).toEqual(firstResponses);
    const first = await list(orgA.agent, "?target=first_response&limit=1");
    expect(ids(first.body.data)).toEqual(ids(firstResponses.slice(0, 1) as { id: string }[]));
    const second = await list(orgA.agent, `?target=first_response&limit=1&cursor=${first.body.nextCursor}`);
    expect(ids(second.body.data)).toEqual(ids(firstResponses.slice(1, 2) as { id: string }[]));
    expect(second.body.nextCursor).toBeNull();
  });

  test("another organization's breaches never appear", async () => {
    const res = await list(orgB.agent);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].ticketSubject).toBe("Other org");
    // Nor through a cursor taken from the other organization's list.
    const first = await list(orgA.agent, "?limit=1");
    const paged = await list(orgB.admin, `?cursor=${first.body.nextCursor}`);
    expect(ids(paged.body.data)).toEqual(ids(res.body.data));
  });

  test("customers get 403", async () => {
    const res = await list(orgA.customer);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  test("invalid input answers 400 naming the field", async () => {
    for (const [query, field] of [
      ["?from=yesterday", "from"],
      ["?from=0000-01-01T00:00:00Z", "from"], // ISO, but no year PostgreSQL stores
      ["?to=2026-02-30T00:00:00Z", "to"],
      [`?from=${at(2).toISOString()}&to=${at(1).toISOString()}`, "to"],
      ["?target=first_reply", "target"],
      ["?limit=101", "limit"],
      ["?limit=0", "limit"],
      ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
    ]) {
      const res = await list(orgA.agent, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: field });
    }
  });

  test("a breach the SLA engine records is listed with its deadline and policy", async () => {
    const org = await createTestOrg(server.db, "Org C");
    const [policy] = await server.db
      .insert(slaPolicies)
      .values({
        organizationId: org.id,
        name: "Standard",
        isDefault: true,
        targets: { high: { firstResponseMinutes: 30 } },
        escalation: { notifyUserIds: [], reassignToId: null },
      })
      .returning();
    const ticket = await openTicket(server, org, { subject: "Site down", priority: "high" });
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      token: org.agent.token,
      body: { assigneeId: org.agent2.id },
    });
    // Opened 45 minutes ago: the 30-minute first response is overdue.
    await server.db
      .update(tickets)
      .set({ createdAt: new Date(Date.now() - 45 * MINUTE) })
      .where(eq(tickets.id, ticket.id));
    await server.db.delete(slaClocks).where(eq(slaClocks.ticketId, ticket.id));
    await syncTicketSla(server.context(), ticket.id);
    const [clock] = await server.db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.ticketId, ticket.id), isNull(slaClocks.metAt)));
    const dueAt = clock?.dueAt as Date;
    const result = await recordBreach(server.context(), {
      organizationId: org.id,
      ticketId: ticket.id,
      target: "first_response",
      dueAt,
    });
    expect(result.breached).toBe(true);
    const res = await list(org.agent);
    expect(res.body.data).toEqual([
      {
        id: result.breached ? result.breachId : "",
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        ticketSubject: "Site down",
        target: "first_response",
        dueAt: dueAt.toISOString(),
        breachedAt: expect.stringMatching(/Z$/),
        priority: "high",
        assigneeId: org.agent2.id,
        policyId: policy?.id,
      },
    ]);
  });
});
