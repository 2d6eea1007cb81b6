import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { organizations } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { createTestOrg, type TestOrg, type TestUser } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  [orgA, orgB] = await Promise.all([createTestOrg(server.db, "Org A"), createTestOrg(server.db, "Org B")]);
});
afterAll(() => server.close());

const call = (method: string, actor: TestUser, body?: unknown) =>
  server.request(method, "/api/v1/organization", { token: actor.token, body });
const stored = async (org: TestOrg) =>
  (await server.db.select().from(organizations).where(eq(organizations.id, org.id)))[0];

describe("GET /organization", () => {
  test("admins read every setting, with the defaults", async () => {
    const res = await call("GET", orgA.admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: orgA.id,
      timezone: "UTC",
      autoCloseDays: 7,
      digest: { enabled: true, hour: 8, weekdaysOnly: true },
      weeklyReport: { enabled: true, weekday: "mon", hour: 8 },
      retention: { closedTicketDays: null, notificationDays: 90, emailLogDays: 90 },
    });
  });

  test("agents and customers read the public part only", async () => {
    for (const actor of [orgA.agent, orgA.customer]) {
      const res = await call("GET", actor);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(["id", "name", "slug", "timezone"]);
    }
  });
});

describe("PATCH /organization", () => {
  test("changes the zone (canonical id) and merges nested settings, leaving the other organization alone", async () => {
    const before = await stored(orgB);
    const res = await call("PATCH", orgA.admin, {
      timezone: "asia/kolkata",
      autoCloseDays: 3,
      digest: { hour: 9 },
      weeklyReport: { weekday: "fri" },
      retention: { closedTicketDays: 365 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timezone: "Asia/Kolkata",
      autoCloseDays: 3,
      digest: { enabled: true, hour: 9, weekdaysOnly: true },
      weeklyReport: { enabled: true, weekday: "fri", hour: 8 },
      retention: { closedTicketDays: 365, notificationDays: 90, emailLogDays: 90 },
    });
    expect(await stored(orgA)).toMatchObject({ timezone: "Asia/Kolkata", digest: { hour: 9 } });
    expect(await stored(orgB)).toEqual(before);
  });

  test("closedTicketDays null keeps closed tickets again", async () => {
    const res = await call("PATCH", orgA.admin, { retention: { closedTicketDays: null } });
    expect(res.status).toBe(200);
    expect(res.body.retention.closedTicketDays).toBeNull();
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["an unknown zone", { timezone: "Mars/Olympus" }, "timezone"],
    ["an offset for a zone", { timezone: "+05:30" }, "timezone"],
    ["autoCloseDays of 0", { autoCloseDays: 0 }, "autoCloseDays"],
    ["autoCloseDays over 90", { autoCloseDays: 91 }, "autoCloseDays"],
    ["an hour of 24", { digest: { hour: 24 } }, "digest.hour"],
    ["a weekday that is none", { weeklyReport: { weekday: "someday" } }, "weeklyReport.weekday"],
    ["zero retention days", { retention: { notificationDays: 0 } }, "retention.notificationDays"],
    ["an unknown setting", { digest: { minute: 5 } }, "digest.minute"],
    ["an empty name", { name: " " }, "name"],
  ];
  for (const [what, body, path] of invalid) {
    test(`${what} → 400 naming ${path}, nothing written`, async () => {
      const before = await stored(orgA);
      const res = await call("PATCH", orgA.admin, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(path);
      expect(await stored(orgA)).toEqual(before);
    });
  }

  test("an empty body → 400", async () => {
    const res = await call("PATCH", orgA.admin, {});
    expect(res.status).toBe(400);
  });

  test("agents and customers can't change settings", async () => {
    for (const actor of [orgA.agent, orgA.customer]) {
      expect((await call("PATCH", actor, { autoCloseDays: 5 })).status).toBe(403);
    }
  });
});
