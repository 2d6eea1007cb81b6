import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { moveTicket, openTicket, type TicketBody } from "../../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

interface Page {
  data: TicketBody[];
  nextCursor: string | null;
}

const list = async (query: string, token = org.agent.token) => {
  const res = await server.request<Page>("GET", `/api/v1/tickets?${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

describe("filters", () => {
  // Created oldest to newest; lists come back newest first.
  beforeAll(async () => {
    const coupon = await openTicket(server, org, { subject: "50% off coupon", priority: "high" });
    await server.request("PATCH", `/api/v1/tickets/${coupon.id}`, {
      token: org.agent.token,
      body: { assigneeId: org.agent.id },
    });
    const decoy = await openTicket(server, org, { subject: "500 off coupon", customer: org.customer2 });
    await moveTicket(server, org, decoy.id, "pending");
    const snake = await openTicket(server, org, { subject: "snake_case bug", priority: "urgent" });
    await server.request("PATCH", `/api/v1/tickets/${snake.id}`, {
      token: org.agent.token,
      body: { assigneeId: org.agent2.id },
    });
    await openTicket(server, org, { subject: "snakeXcase bug", priority: "low", customer: org.customer2 });
    await openTicket(server, org, { subject: "Path C:\\temp is full" });
    await openTicket(server, org, { subject: "Path C:temp is full" });
  });

  const subjects = async (query: string, token?: string) =>
    (await list(query, token)).data.map((ticket) => ticket.subject);

  test("status, priority, assignee and customer", async () => {
    expect(await subjects("status=pending")).toEqual(["500 off coupon"]);
    expect(await subjects("priority=urgent")).toEqual(["snake_case bug"]);
    expect(await subjects(`assigneeId=${org.agent.id}`)).toEqual(["50% off coupon"]);
    expect(await subjects(`customerId=${org.customer2.id}`)).toEqual(["snakeXcase bug", "500 off coupon"]);
    expect(await subjects(`customerId=${org.customer.id}&priority=high`)).toEqual(["50% off coupon"]);
  });

  test("unassigned=true lists the tickets nobody has, false the ones someone has", async () => {
    expect(await subjects("unassigned=false")).toEqual(["snake_case bug", "50% off coupon"]);
    expect(await subjects("unassigned=true&q=coupon")).toEqual(["500 off coupon"]);
    expect(await subjects("unassigned=true&q=bug")).toEqual(["snakeXcase bug"]);
    const res = await server.request("GET", "/api/v1/tickets?unassigned=yes", { token: org.agent.token });
    expect(res.status).toBe(400);
  });

  test("q searches the subject case-insensitively, with %, _ and \\ taken literally", async () => {
    expect(await subjects("q=coupon")).toEqual(["500 off coupon", "50% off coupon"]);
    expect(await subjects(`q=${encodeURIComponent("50%")}`)).toEqual(["50% off coupon"]);
    expect(await subjects("q=snake_case")).toEqual(["snake_case bug"]);
    expect(await subjects("q=SNAKE_CASE")).toEqual(["snake_case bug"]);
    expect(await subjects(`q=${encodeURIComponent("C:\\temp")}`)).toEqual(["Path C:\\temp is full"]);
  });

  test("a customer's filters apply within their own tickets only", async () => {
    expect(await subjects("q=coupon", org.customer.token)).toEqual(["50% off coupon"]);
    expect(await subjects("q=bug", org.customer2.token)).toEqual(["snakeXcase bug"]);
  });
});

describe("keyset pagination", () => {
  test("pages stay stable while new tickets arrive: each original exactly once, in order", async () => {
    const owner = await createTestOrg(server.db);
    for (let i = 0; i < 30; i++) await openTicket(server, owner, { subject: `Original ${i}` });
    const expected = (await list("limit=100", owner.agent.token)).data.map((ticket) => ticket.id);
    expect(expected).toHaveLength(30);

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    let arrivals = 0;
    do {
      const query: string = `limit=7${cursor ? `&cursor=${cursor}` : ""}`;
      // After the first page, new tickets are being created while the next page is read.
      const inserting =
        seen.length > 0
          ? Promise.all([1, 2].map(() => openTicket(server, owner, { subject: `Arrival ${arrivals++}` })))
          : Promise.resolve([]);
      const page = await list(query, owner.agent.token);
      await inserting;
      pageSizes.push(page.data.length);
      seen.push(...page.data.map((ticket) => ticket.id));
      cursor = page.nextCursor;
    } while (cursor);

    expect(arrivals).toBeGreaterThan(0);
    expect(pageSizes).toEqual([7, 7, 7, 7, 2]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
  });

  test("a page exactly as long as the rest has no next cursor", async () => {
    const owner = await createTestOrg(server.db);
    for (let i = 0; i < 4; i++) await openTicket(server, owner);
    const first = await list("limit=2", owner.agent.token);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`limit=2&cursor=${first.nextCursor}`, owner.agent.token);
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });
});
