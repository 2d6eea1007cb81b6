import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { slaPolicies, tickets } from "@helpdesk/db/schema";
import { asc, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg, type TestUser } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
let inactiveAgent: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  [orgA, orgB] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
  inactiveAgent = await orgA.addUser("agent", { active: false });
});
afterAll(() => server.close());

const standard = () => ({
  name: "Standard",
  targets: {
    urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
    normal: { firstResponseMinutes: 240, resolutionMinutes: 2_880 },
  },
});
const officeHours = (weekly: Record<string, unknown> = { mon: [{ start: "09:00", end: "17:00" }] }) => ({
  timezone: "Europe/Paris",
  weekly,
  holidays: ["2026-12-25"],
});
const noEscalation = { notifyUserIds: [], reassignToId: null };

function call(method: string, path: string, actor: TestUser, body?: unknown) {
  return server.request(method, `/api/v1/sla-policies${path}`, { token: actor.token, body });
}

async function createPolicy(org: TestOrg, body: Record<string, unknown> = {}) {
  const res = await call("POST", "", org.admin, { ...standard(), ...body });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every policy row of the organization: equal before and after a refused request means nothing was written. */
const storedPolicies = (org: TestOrg) =>
  server.db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.organizationId, org.id))
    .orderBy(asc(slaPolicies.id));

async function defaultIds(org: TestOrg) {
  return (await storedPolicies(org)).filter((policy) => policy.isDefault).map((policy) => policy.id);
}

describe("create, read, update, delete", () => {
  test("POST creates a policy with the defaults filled in; GET answers it the same", async () => {
    const res = await call("POST", "", orgA.admin, standard());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      ...standard(),
      isDefault: false,
      businessHours: null,
      escalation: noEscalation,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: res.body.createdAt,
    });
    const read = await call("GET", `/${res.body.id}`, orgA.agent);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  test("business hours and escalation are stored as given, the zone as tzdb spells it", async () => {
    const body = {
      businessHours: {
        timezone: "europe/paris",
        weekly: {
          mon: [
            { start: "13:00", end: "17:30" },
            { start: "09:00", end: "12:00" },
          ],
          fri: [{ start: "20:00", end: "24:00" }],
        },
        holidays: ["2026-12-25", "2027-01-01"],
      },
      escalation: { notifyUserIds: [orgA.agent.id, orgA.admin.id], reassignToId: orgA.agent2.id },
    };
    const created = await createPolicy(orgA, body);
    expect(created.businessHours).toEqual({ ...body.businessHours, timezone: "Europe/Paris" });
    expect(created.escalation).toEqual(body.escalation);
  });

  test("holidays may be left out", async () => {
    const created = await createPolicy(orgA, {
      businessHours: { timezone: "UTC", weekly: { sat: [{ start: "00:00", end: "24:00" }] } },
    });
    expect(created.businessHours.holidays).toEqual([]);
  });

  test("GET lists the organization's policies newest first, a page at a time", async () => {
    const org = await createTestOrg(server.db);
    const created = [];
    for (const name of ["First", "Second", "Third"]) created.push(await createPolicy(org, { name }));
    const first = await call("GET", "?limit=2", org.agent);
    expect(first.status).toBe(200);
    expect(first.body.data.map((policy: { name: string }) => policy.name)).toEqual(["Third", "Second"]);
    expect(first.body.data[0]).toEqual(created[2]);
    const second = await call("GET", `?limit=2&cursor=${first.body.nextCursor}`, org.agent);
    expect(second.body).toEqual({ data: [created[0]], nextCursor: null });
  });

  test("GET without a limit answers up to 25; over 100 or a foreign cursor → 400 naming it", async () => {
    const org = await createTestOrg(server.db);
    await server.db.insert(slaPolicies).values(
      Array.from({ length: 26 }, (_, i) => ({
        organizationId: org.id,
        name: `Policy ${i}`,
        targets: {},
        escalation: noEscalation,
      })),
    );
    const page = await call("GET", "", org.admin);
    expect(page.body.data).toHaveLength(25);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    for (const [query, field] of [
      ["?limit=101", "limit"],
      ["?limit=0", "limit"],
      ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
    ]) {
      const res = await call("GET", query as string, org.admin);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: field });
    }
  });

  test("PATCH changes only the fields given; targets, hours and escalation are replaced whole", async () => {
    const created = await createPolicy(orgA, {
      businessHours: officeHours(),
      escalation: { notifyUserIds: [orgA.agent.id], reassignToId: null },
    });
    const res = await call("PATCH", `/${created.id}`, orgA.admin, {
      targets: { low: { resolutionMinutes: 10_080 } },
      escalation: { notifyUserIds: [orgA.agent2.id] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created,
      targets: { low: { resolutionMinutes: 10_080 } },
      escalation: { notifyUserIds: [orgA.agent2.id], reassignToId: null },
      updatedAt: expect.any(String),
    });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(created.updatedAt).getTime(),
    );

    const always = await call("PATCH", `/${created.id}`, orgA.admin, { businessHours: null, name: "24/7" });
    expect(always.body).toMatchObject({ name: "24/7", businessHours: null, targets: res.body.targets });
  });

  test("DELETE answers the policy as it was; it is gone and its tickets have no policy", async () => {
    const created = await createPolicy(orgA);
    const [ticket] = await server.db
      .insert(tickets)
      .values({
        organizationId: orgA.id,
        number: 1_000_000 + Math.floor(Math.random() * 1_000_000),
        subject: "Under the policy",
        customerId: orgA.customer.id,
        slaPolicyId: created.id,
      })
      .returning();
    const res = await call("DELETE", `/${created.id}`, orgA.admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
    expect((await call("GET", `/${created.id}`, orgA.admin)).status).toBe(404);
    expect((await call("DELETE", `/${created.id}`, orgA.admin)).status).toBe(404);
    const [after] = await server.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, ticket?.id ?? ""));
    expect(after?.slaPolicyId).toBeNull();
  });

  test("an unknown id → 404 on GET, PATCH and DELETE", async () => {
    const id = crypto.randomUUID();
    expect((await call("GET", `/${id}`, orgA.admin)).status).toBe(404);
    expect((await call("PATCH", `/${id}`, orgA.admin, { name: "Nope" })).status).toBe(404);
    expect((await call("DELETE", `/${id}`, orgA.admin)).status).toBe(404);
  });
});

describe("one default per organization", () => {
  test("creating a default takes it from the previous one", async () => {
    const org = await createTestOrg(server.db);
    const first = await createPolicy(org, { isDefault: true });
    expect(await defaultIds(org)).toEqual([first.id]);
    const second = await createPolicy(org, { isDefault: true });
    expect(await defaultIds(org)).toEqual([second.id]);
    expect((await call("GET", `/${first.id}`, org.admin)).body.isDefault).toBe(false);
    await createPolicy(org, { isDefault: false });
    expect(await defaultIds(org)).toEqual([second.id]);
  });

  test("PATCH isDefault: true moves it; false on the default leaves none", async () => {
    const org = await createTestOrg(server.db);
    const first = await createPolicy(org, { isDefault: true });
    const second = await createPolicy(org);
    const moved = await call("PATCH", `/${second.id}`, org.admin, { isDefault: true });
    expect(moved.body.isDefault).toBe(true);
    expect(await defaultIds(org)).toEqual([second.id]);
    const again = await call("PATCH", `/${second.id}`, org.admin, { isDefault: true });
    expect(again.status).toBe(200);
    expect(await defaultIds(org)).toEqual([second.id]);
    const notFirst = await call("PATCH", `/${first.id}`, org.admin, { isDefault: false });
    expect(notFirst.status).toBe(200);
    expect(await defaultIds(org)).toEqual([second.id]);
    const unset = await call("PATCH", `/${second.id}`, org.admin, { isDefault: false });
    expect(unset.body.isDefault).toBe(false);
    expect(await defaultIds(org)).toEqual([]);
  });

  test("deleting the default leaves none", async () => {
    const org = await createTestOrg(server.db);
    await createPolicy(org);
    const theDefault = await createPolicy(org, { isDefault: true });
    expect((await call("DELETE", `/${theDefault.id}`, org.admin)).status).toBe(200);
    expect(await defaultIds(org)).toEqual([]);
  });

  test("ten creations racing to be the default: all succeed, one is the default", async () => {
    const org = await createTestOrg(server.db);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call("POST", "", org.admin, { ...standard(), name: `Racer ${i}`, isDefault: true }),
      ),
    );
    expect(results.map((res) => res.status)).toEqual(Array(10).fill(201));
    const ids = await defaultIds(org);
    expect(ids).toHaveLength(1);
    expect(results.map((res) => res.body.id)).toContain(ids[0]);
  });

  test("creations and patches racing to be the default leave one", async () => {
    const org = await createTestOrg(server.db);
    const existing = await Promise.all(Array.from({ length: 5 }, () => createPolicy(org)));
    const results = await Promise.all([
      ...existing.map((policy) => call("PATCH", `/${policy.id}`, org.admin, { isDefault: true })),
      ...existing.map(() => call("POST", "", org.admin, { ...standard(), isDefault: true })),
    ]);
    expect(results.every((res) => res.status === 200 || res.status === 201)).toBe(true);
    expect(await defaultIds(org)).toHaveLength(1);
  });
});

interface InvalidCase {
  name: string;
  /** Top-level fields of the body: merged into a valid POST body (undefined removes one), or a PATCH body of their own. */
  change: () => Record<string, unknown>;
  field: string;
  routes?: readonly ("POST" | "PATCH")[];
}

const bothWrites = ["POST", "PATCH"] as const;

const invalidCases: InvalidCase[] = [
  { name: "missing", change: () => ({ name: undefined }), field: "name", routes: ["POST"] },
  { name: "blank", change: () => ({ name: "   " }), field: "name" },
  { name: "oversized", change: () => ({ name: "x".repeat(101) }), field: "name" },
  { name: "not a boolean", change: () => ({ isDefault: "yes" }), field: "isDefault" },
  { name: "an unknown field", change: () => ({ priority: "high" }), field: "priority" },
  { name: "missing", change: () => ({ targets: undefined }), field: "targets", routes: ["POST"] },
  ...[0, -5, 1.5, 525_601, "30", null].map((minutes) => ({
    name: `${JSON.stringify(minutes)} minutes`,
    change: () => ({ targets: { urgent: { firstResponseMinutes: minutes } } }),
    field: "targets.urgent.firstResponseMinutes",
  })),
  {
    name: "an unknown priority",
    change: () => ({ targets: { critical: { resolutionMinutes: 60 } } }),
    field: "targets.critical",
  },
  {
    name: "an unknown target",
    change: () => ({ targets: { high: { responseMinutes: 60 } } }),
    field: "targets.high.responseMinutes",
  },
  ...["Mars/Base", "+01:00", "", "Z"].map((timezone) => ({
    name: `zone ${JSON.stringify(timezone)}`,
    change: () => ({ businessHours: { ...officeHours(), timezone } }),
    field: "businessHours.timezone",
  })),
  {
    name: "end equal to start",
    change: () => ({ businessHours: officeHours({ mon: [{ start: "09:00", end: "09:00" }] }) }),
    field: "businessHours.weekly.mon.0.end",
  },
  {
    name: "end before start",
    change: () => ({
      businessHours: officeHours({
        tue: [
          { start: "08:00", end: "10:00" },
          { start: "17:00", end: "09:00" },
        ],
      }),
    }),
    field: "businessHours.weekly.tue.1.end",
  },
  ...["9:00", "25:00", "24:00", "09:60"].map((start) => ({
    name: `start ${start}`,
    change: () => ({ businessHours: officeHours({ wed: [{ start, end: "24:00" }] }) }),
    field: "businessHours.weekly.wed.0.start",
  })),
  {
    name: "end 24:01",
    change: () => ({ businessHours: officeHours({ wed: [{ start: "09:00", end: "24:01" }] }) }),
    field: "businessHours.weekly.wed.0.end",
  },
  {
    name: "overlapping intervals",
    change: () => ({
      businessHours: officeHours({
        thu: [
          { start: "13:00", end: "18:00" },
          { start: "09:00", end: "13:30" },
        ],
      }),
    }),
    field: "businessHours.weekly.thu.0",
  },
  {
    name: "an interval inside a longer one, past its neighbour",
    change: () => ({
      businessHours: officeHours({
        fri: [
          { start: "08:00", end: "18:00" },
          { start: "09:00", end: "10:00" },
          { start: "12:00", end: "13:00" },
        ],
      }),
    }),
    field: "businessHours.weekly.fri.2",
  },
  {
    name: "an unknown weekday",
    change: () => ({ businessHours: officeHours({ mon: [{ start: "09:00", end: "17:00" }], funday: [] }) }),
    field: "businessHours.weekly.funday",
  },
  {
    name: "no open interval",
    change: () => ({ businessHours: officeHours({ sat: [], sun: [] }) }),
    field: "businessHours.weekly",
  },
  ...["2026-02-30", "25/12/2026", "2026-12-25T00:00:00Z"].map((holiday) => ({
    name: `holiday ${holiday}`,
    change: () => ({ businessHours: { ...officeHours(), holidays: ["2026-12-24", holiday] } }),
    field: "businessHours.holidays.1",
  })),
  {
    name: "a holiday listed twice",
    change: () => ({ businessHours: { ...officeHours(), holidays: ["2026-12-25", "2026-12-25"] } }),
    field: "businessHours.holidays.1",
  },
  {
    name: "a target the hours can't reach",
    change: () => ({
      targets: { low: { resolutionMinutes: 500_000 } },
      businessHours: officeHours({ mon: [{ start: "09:00", end: "10:00" }] }),
    }),
    field: "targets.low.resolutionMinutes",
  },
  {
    name: "not a uuid",
    change: () => ({ escalation: { notifyUserIds: ["bob"] } }),
    field: "escalation.notifyUserIds.0",
  },
  {
    name: "a user listed twice",
    change: () => ({ escalation: { notifyUserIds: [orgA.agent.id, orgA.agent.id] } }),
    field: "escalation.notifyUserIds.1",
  },
  {
    name: "too many users",
    change: () => ({ escalation: { notifyUserIds: Array.from({ length: 21 }, () => crypto.randomUUID()) } }),
    field: "escalation.notifyUserIds",
  },
  {
    name: "an unknown user",
    change: () => ({ escalation: { notifyUserIds: [orgA.agent.id, crypto.randomUUID()] } }),
    field: "escalation.notifyUserIds.1",
  },
  {
    name: "a customer",
    change: () => ({ escalation: { notifyUserIds: [orgA.customer.id] } }),
    field: "escalation.notifyUserIds.0",
  },
  {
    name: "an inactive agent",
    change: () => ({ escalation: { notifyUserIds: [inactiveAgent.id] } }),
    field: "escalation.notifyUserIds.0",
  },
  {
    name: "another organization's agent",
    change: () => ({ escalation: { notifyUserIds: [orgA.agent.id, orgB.agent.id] } }),
    field: "escalation.notifyUserIds.1",
  },
  {
    name: "an unknown user",
    change: () => ({ escalation: { reassignToId: crypto.randomUUID() } }),
    field: "escalation.reassignToId",
  },
  {
    name: "a customer",
    change: () => ({ escalation: { reassignToId: orgA.customer2.id } }),
    field: "escalation.reassignToId",
  },
  {
    name: "another organization's admin",
    change: () => ({ escalation: { reassignToId: orgB.admin.id } }),
    field: "escalation.reassignToId",
  },
  {
    name: "an unknown field",
    change: () => ({ escalation: { notifyUserIds: [], escalateAfterMinutes: 5 } }),
    field: "escalation.escalateAfterMinutes",
  },
];

describe("invalid input → 400 naming the field, and nothing is written", () => {
  let existing: { id: string };
  beforeAll(async () => {
    existing = await createPolicy(orgA, { isDefault: true, businessHours: officeHours() });
  });

  async function expectRefused(method: "POST" | "PATCH", body: unknown, field: string) {
    const before = await storedPolicies(orgA);
    const path = method === "POST" ? "" : `/${existing.id}`;
    const res = await call(method, path, orgA.admin, body);
    expect(await storedPolicies(orgA)).toEqual(before);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues).toContainEqual(
      expect.objectContaining({ location: "body", path: field }),
    );
  }

  for (const { name, change, field, routes = bothWrites } of invalidCases) {
    for (const method of routes) {
      test(`${method}: ${field} ${name}`, async () => {
        const fields = change();
        const body =
          method === "POST"
            ? Object.fromEntries(
                Object.entries({ ...standard(), isDefault: true, ...fields }).filter(
                  ([, value]) => value !== undefined,
                ),
              )
            : fields;
        await expectRefused(method, body, field);
      });
    }
  }

  test("PATCH: an empty body → 400 asking for at least one field", async () => {
    const before = await storedPolicies(orgA);
    const res = await call("PATCH", `/${existing.id}`, orgA.admin, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].message).toStartWith("give at least one");
    expect(await storedPolicies(orgA)).toEqual(before);
  });

  test("PATCH: hours too sparse for the stored targets → 400 on businessHours.weekly", async () => {
    const long = await createPolicy(orgA, { targets: { low: { resolutionMinutes: 500_000 } } });
    const before = await storedPolicies(orgA);
    const res = await call("PATCH", `/${long.id}`, orgA.admin, {
      businessHours: officeHours({ mon: [{ start: "09:00", end: "10:00" }] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({
      location: "body",
      path: "businessHours.weekly",
    });
    expect(await storedPolicies(orgA)).toEqual(before);
  });

  test("an unknown user and another organization's get the same answer", async () => {
    const answer = async (id: string) =>
      (await call("POST", "", orgA.admin, { ...standard(), escalation: { reassignToId: id } })).body.error
        .details;
    expect(await answer(orgB.agent.id)).toEqual(await answer(crypto.randomUUID()));
  });
});

describe("another organization's policies look like missing ones", () => {
  let policyA: { id: string; updatedAt: string };
  beforeAll(async () => {
    policyA = await createPolicy(orgA, { name: "Org A secret" });
  });

  for (const role of ["agent", "admin"] as const) {
    test(`GET as org B ${role} → 404, and absent from org B's list`, async () => {
      const res = await call("GET", `/${policyA.id}`, orgB[role]);
      expect(res.status).toBe(404);
      const missing = await call("GET", `/${crypto.randomUUID()}`, orgB[role]);
      expect(res.body.error.message).toBe(missing.body.error.message);
      const list = await call("GET", "?limit=100", orgB[role]);
      expect(list.body.data.map((policy: { id: string }) => policy.id)).not.toContain(policyA.id);
    });
  }

  test("PATCH and DELETE as org B admin → 404, and org A's policy is unchanged", async () => {
    const before = await storedPolicies(orgA);
    const patch = await call("PATCH", `/${policyA.id}`, orgB.admin, { name: "Taken", isDefault: true });
    expect(patch.status).toBe(404);
    const del = await call("DELETE", `/${policyA.id}`, orgB.admin);
    expect(del.status).toBe(404);
    expect(await storedPolicies(orgA)).toEqual(before);
  });

  test("org B's default survives a refused PATCH of org A's policy", async () => {
    const theDefault = await createPolicy(orgB, { isDefault: true });
    expect((await call("PATCH", `/${policyA.id}`, orgB.admin, { isDefault: true })).status).toBe(404);
    expect(await defaultIds(orgB)).toEqual([theDefault.id]);
  });
});

describe("roles", () => {
  const routes = (id: string): { method: string; path: string; body?: unknown; write: boolean }[] => [
    { method: "POST", path: "", body: standard(), write: true },
    { method: "GET", path: "", write: false },
    { method: "GET", path: `/${id}`, write: false },
    { method: "PATCH", path: `/${id}`, body: { name: "Renamed" }, write: true },
    { method: "DELETE", path: `/${id}`, write: true },
  ];

  const expected: Record<"customer" | "agent", (write: boolean) => number> = {
    customer: () => 403,
    agent: (write) => (write ? 403 : 200),
  };

  for (const role of ["customer", "agent"] as const) {
    test(`${role}s: ${role === "customer" ? "403 on every route" : "200 on reads, 403 on writes"}`, async () => {
      const policy = await createPolicy(orgA);
      const before = await storedPolicies(orgA);
      for (const { method, path, body, write } of routes(policy.id)) {
        const res = await call(method, path, orgA[role], body);
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({
          route: `${method} ${path}`,
          status: expected[role](write),
        });
        if (res.status === 403) expect(res.body.error.code).toBe("forbidden");
      }
      expect(await storedPolicies(orgA)).toEqual(before);
    });
  }
});
