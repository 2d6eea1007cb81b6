import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { orgFootprint } from "../testing/row-counts.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const newUser = (email: string) => ({
  name: "Dup",
  email,
  password: "a long enough password",
  role: "agent",
});

describe("duplicate e-mail", () => {
  test("adding a user whose e-mail exists in the organization → 409, whatever its case", async () => {
    for (const email of [org.agent.email, org.agent.email.toUpperCase()]) {
      const before = await orgFootprint(server.db, org.id);
      const res = await server.request("POST", "/api/v1/users", {
        token: org.admin.token,
        body: newUser(email),
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("conflict");
      expect(await orgFootprint(server.db, org.id)).toEqual(before);
    }
  });

  test("the same e-mail in another organization is a different user → 201", async () => {
    const other = await createTestOrg(server.db);
    const res = await server.request("POST", "/api/v1/users", {
      token: other.admin.token,
      body: newUser(org.agent.email),
    });
    expect(res.status).toBe(201);
    expect(res.body.organizationId).toBe(other.id);
  });
});

describe("malformed ids in the path → 404, and nothing is written", () => {
  const requests: { method: string; path: string; body?: unknown }[] = [
    { method: "GET", path: "/tickets/123" },
    { method: "PATCH", path: "/tickets/not-a-uuid", body: { status: "open" } },
    { method: "POST", path: "/tickets/not-a-uuid/messages", body: { body: "Hello" } },
    { method: "PATCH", path: "/users/abc", body: { name: "Renamed" } },
  ];
  for (const { method, path, body } of requests) {
    test(`${method} ${path}`, async () => {
      const before = await orgFootprint(server.db, org.id);
      const res = await server.request(method, `/api/v1${path}`, { token: org.admin.token, body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      expect(await orgFootprint(server.db, org.id)).toEqual(before);
    });
  }
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Query strings each list route must refuse, and the parameter the 400 must name. */
const badQueries: { name: string; query: string; field: string }[] = [
  { name: "cursor that is not base64 JSON", query: "cursor=garbage!", field: "cursor" },
  { name: "cursor of the wrong shape", query: `cursor=${base64url({ id: "x" })}`, field: "cursor" },
  {
    name: "cursor with a bad date",
    query: `cursor=${base64url(["yesterday", crypto.randomUUID()])}`,
    field: "cursor",
  },
  {
    name: "cursor with a bad id",
    query: `cursor=${base64url([new Date().toISOString(), "'; drop table tickets; --"])}`,
    field: "cursor",
  },
  {
    name: "cursor with a year PostgreSQL can't store",
    query: `cursor=${base64url(["+275760-09-13T00:00:00.000Z", crypto.randomUUID()])}`,
    field: "cursor",
  },
  {
    name: "cursor with an id shaped like a uuid but not one",
    query: `cursor=${base64url([new Date().toISOString(), "-".repeat(36)])}`,
    field: "cursor",
  },
  {
    name: "cursor with year 0",
    query: `cursor=${base64url(["0000-01-01T00:00:00.000Z", crypto.randomUUID()])}`,
    field: "cursor",
  },
  { name: "oversized cursor", query: `cursor=${"a".repeat(201)}`, field: "cursor" },
  { name: "limit over 100", query: "limit=101", field: "limit" },
  { name: "limit of 0", query: "limit=0", field: "limit" },
  { name: "fractional limit", query: "limit=2.5", field: "limit" },
  { name: "limit that is not a number", query: "limit=ten", field: "limit" },
];

describe("bad query parameters on lists → 400 naming the parameter", () => {
  for (const list of ["/tickets", "/users"]) {
    for (const { name, query, field } of badQueries) {
      test(`GET ${list}: ${name}`, async () => {
        const res = await server.request("GET", `/api/v1${list}?${query}`, { token: org.admin.token });
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues).toContainEqual(
          expect.objectContaining({ location: "query", path: field }),
        );
      });
    }
  }

  test("GET /tickets: unknown enum values and malformed ids in filters", async () => {
    const filters = { status: "archived", priority: "critical", assigneeId: "bob", customerId: "42" };
    for (const [field, value] of Object.entries(filters)) {
      const res = await server.request("GET", `/api/v1/tickets?${field}=${value}`, {
        token: org.admin.token,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: field });
    }
  });

  test("GET /tickets: a NUL character in q", async () => {
    const res = await server.request("GET", "/api/v1/tickets?q=a%00b", { token: org.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: "q" });
  });

  test("GET /users: unknown role", async () => {
    const res = await server.request("GET", "/api/v1/users?role=owner", { token: org.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({ location: "query", path: "role" });
  });

  test("limit 100 is the largest accepted", async () => {
    const res = await server.request("GET", "/api/v1/users?limit=100", { token: org.admin.token });
    expect(res.status).toBe(200);
  });
});
