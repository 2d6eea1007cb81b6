import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { openTicket } from "../../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const followers = async (ticketId: string, token = org.agent.token) =>
  server.request<{ followers: { id: string; name: string; role: string }[] }>(
    "GET",
    `/api/v1/tickets/${ticketId}/followers`,
    { token },
  );

test("GET lists followers in the order they started, as POST and DELETE leave them", async () => {
  const ticket = await openTicket(server, org);
  expect((await followers(ticket.id)).body).toEqual({ followers: [] });
  await server.request("POST", `/api/v1/tickets/${ticket.id}/followers`, { token: org.agent2.token });
  await server.request("POST", `/api/v1/tickets/${ticket.id}/followers`, {
    token: org.agent2.token,
    body: { userId: org.admin.id },
  });
  const listed = await followers(ticket.id, org.admin.token);
  expect(listed.status).toBe(200);
  expect(listed.body.followers.map((f) => [f.id, f.role])).toEqual([
    [org.agent2.id, "agent"],
    [org.admin.id, "admin"],
  ]);
  await server.request("DELETE", `/api/v1/tickets/${ticket.id}/followers`, { token: org.agent2.token });
  expect((await followers(ticket.id)).body.followers.map((f) => f.id)).toEqual([org.admin.id]);
});

test("another organization's ticket is a 404", async () => {
  const other = await createTestOrg(server.db, "Other Org");
  const ticket = await openTicket(server, other);
  expect((await followers(ticket.id)).status).toBe(404);
});
