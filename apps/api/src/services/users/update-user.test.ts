import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const patchUser = (token: string, userId: string, body: Record<string, unknown>) =>
  server.request("PATCH", `/api/v1/users/${userId}`, { token, body });

describe("role changes", () => {
  test("take effect on the user's existing token at once", async () => {
    const org = await createTestOrg(server.db);
    const user = await org.addUser("agent");
    expect((await patchUser(user.token, org.customer.id, { name: "X" })).status).toBe(403);

    expect((await patchUser(org.admin.token, user.id, { role: "admin" })).status).toBe(200);
    expect((await patchUser(user.token, org.customer.id, { name: "Promoted's edit" })).status).toBe(200);

    expect((await patchUser(org.admin.token, user.id, { role: "customer" })).status).toBe(200);
    const tickets = await server.request("GET", "/api/v1/tickets", { token: user.token });
    expect(tickets.body.data).toEqual([]);
  });
});

describe("the last active admin", () => {
  test("can't be demoted or deactivated → 409", async () => {
    const org = await createTestOrg(server.db);
    for (const change of [{ role: "agent" }, { active: false }]) {
      const res = await patchUser(org.admin.token, org.admin.id, change);
      expect(res.status).toBe(409);
    }
    expect((await server.request("GET", "/api/v1/me", { token: org.admin.token })).body.user).toMatchObject({
      role: "admin",
      active: true,
    });
  });

  test("an inactive admin doesn't count: deactivating the only active one is still refused", async () => {
    const org = await createTestOrg(server.db);
    await org.addUser("admin", { active: false });
    expect((await patchUser(org.admin.token, org.admin.id, { active: false })).status).toBe(409);
  });

  test("two admins demoting each other at once: exactly one succeeds", async () => {
    const org = await createTestOrg(server.db);
    const second = await org.addUser("admin");
    const results = await Promise.all([
      patchUser(org.admin.token, second.id, { role: "agent" }),
      patchUser(second.token, org.admin.id, { role: "agent" }),
    ]);
    // The loser answers 409 if it got past authentication before the winner committed, else 403
    // (it is no longer an admin); either way the organization keeps exactly one admin.
    const [winner, loser] = results.map((res) => res.status).sort();
    expect(winner).toBe(200);
    expect([403, 409]).toContain(loser ?? 0);
    const admins = await server.request("GET", "/api/v1/users?role=admin", { token: org.agent.token });
    expect(admins.body.data).toHaveLength(1);
  });
});
