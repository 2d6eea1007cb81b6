import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { orgFootprint, signUpFootprint } from "../testing/row-counts.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket, type TicketBody } from "../testing/tickets.ts";

let server: TestServer;
let org: TestOrg;
let ticket: TicketBody;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
  ticket = await openTicket(server, org);
});
afterAll(() => server.close());

/** Carried by every sign-up attempt of this file, so we can tell whether one of them created anything. */
const marker = `val-${crypto.randomUUID().slice(0, 8)}`;
const long = (length: number) => "x".repeat(length);

interface WriteRoute {
  method: "POST" | "PATCH";
  path: () => string;
  token: () => string | undefined;
  /** A body the route accepts; each case breaks one field of it. */
  valid: Record<string, unknown>;
  /** The rows this route could write to; it must be the same before and after a refused request. */
  footprint: () => Promise<unknown>;
}

const writeRoutes = {
  "POST /auth/signup": {
    method: "POST",
    path: () => "/auth/signup",
    token: () => undefined,
    valid: {
      organizationName: `Org ${marker}`,
      name: "Ada",
      email: `ada@${marker}.test`,
      password: "a long enough password",
    },
    footprint: () => signUpFootprint(server.db, marker),
  },
  "POST /auth/login": {
    method: "POST",
    path: () => "/auth/login",
    token: () => undefined,
    valid: { organizationSlug: "some-org", email: "ada@example.test", password: "whatever" },
    footprint: () => orgFootprint(server.db, org.id),
  },
  "POST /users": {
    method: "POST",
    path: () => "/users",
    token: () => org.admin.token,
    valid: { name: "Bob", email: `bob@${marker}.test`, password: "a long enough password", role: "agent" },
    footprint: () => orgFootprint(server.db, org.id),
  },
  "PATCH /users/:id": {
    method: "PATCH",
    path: () => `/users/${org.customer2.id}`,
    token: () => org.admin.token,
    valid: { name: "Carol", role: "customer", active: true, locale: "fr" },
    footprint: () => orgFootprint(server.db, org.id),
  },
  "POST /tickets": {
    method: "POST",
    path: () => "/tickets",
    token: () => org.customer.token,
    valid: { subject: "Broken", body: "It broke.", priority: "high" },
    footprint: () => orgFootprint(server.db, org.id),
  },
  "PATCH /tickets/:id": {
    method: "PATCH",
    path: () => `/tickets/${ticket.id}`,
    token: () => org.agent.token,
    valid: { status: "open", priority: "low", assigneeId: null },
    footprint: () => orgFootprint(server.db, org.id),
  },
  "POST /tickets/:id/messages": {
    method: "POST",
    path: () => `/tickets/${ticket.id}/messages`,
    token: () => org.agent.token,
    valid: { body: "On it.", internal: false },
    footprint: () => orgFootprint(server.db, org.id),
  },
} satisfies Record<string, WriteRoute>;

type RouteName = keyof typeof writeRoutes;

/** Each case: the valid body with `change` applied (undefined removes the field); `field` must be named. */
const invalidBodies: { route: RouteName; name: string; change: Record<string, unknown>; field: string }[] = [
  {
    route: "POST /auth/signup",
    name: "missing",
    change: { organizationName: undefined },
    field: "organizationName",
  },
  {
    route: "POST /auth/signup",
    name: "oversized",
    change: { organizationName: long(101) },
    field: "organizationName",
  },
  { route: "POST /auth/signup", name: "wrong type", change: { email: 42 }, field: "email" },
  {
    route: "POST /auth/signup",
    name: "not an e-mail",
    change: { email: `ada-at-${marker}` },
    field: "email",
  },
  { route: "POST /auth/signup", name: "too short", change: { password: "short" }, field: "password" },
  { route: "POST /auth/signup", name: "8 spaces", change: { password: "        " }, field: "password" },
  {
    route: "POST /auth/signup",
    name: "only spaces",
    change: { password: " ".repeat(12) },
    field: "password",
  },
  {
    route: "POST /auth/signup",
    name: "common (password)",
    change: { password: "password" },
    field: "password",
  },
  {
    route: "POST /auth/signup",
    name: "common (12345678)",
    change: { password: "12345678" },
    field: "password",
  },
  {
    route: "POST /auth/signup",
    name: "common, any case",
    change: { password: "QwertyUiop" },
    field: "password",
  },
  { route: "POST /users", name: "common password", change: { password: "password123" }, field: "password" },
  { route: "POST /auth/signup", name: "with a NUL character", change: { name: "Ada\u0000" }, field: "name" },
  { route: "POST /auth/signup", name: "oversized", change: { name: long(101) }, field: "name" },
  { route: "POST /auth/login", name: "missing", change: { password: undefined }, field: "password" },
  {
    route: "POST /auth/login",
    name: "wrong type",
    change: { organizationSlug: ["a"] },
    field: "organizationSlug",
  },
  { route: "POST /auth/login", name: "oversized", change: { password: long(201) }, field: "password" },
  {
    route: "POST /auth/login",
    name: "with a NUL character",
    change: { organizationSlug: "a\u0000" },
    field: "organizationSlug",
  },
  { route: "POST /users", name: "missing", change: { email: undefined }, field: "email" },
  { route: "POST /users", name: "unknown enum value", change: { role: "superuser" }, field: "role" },
  { route: "POST /users", name: "unknown enum value", change: { locale: "de" }, field: "locale" },
  { route: "POST /users", name: "oversized", change: { name: long(101) }, field: "name" },
  { route: "POST /users", name: "oversized", change: { password: long(201) }, field: "password" },
  { route: "POST /users", name: "with a NUL character", change: { name: "Bob\u0000" }, field: "name" },
  { route: "PATCH /users/:id", name: "wrong type", change: { active: "false" }, field: "active" },
  { route: "PATCH /users/:id", name: "unknown enum value", change: { role: "owner" }, field: "role" },
  { route: "PATCH /users/:id", name: "blank", change: { name: "   " }, field: "name" },
  { route: "PATCH /users/:id", name: "with a NUL character", change: { name: "Carol\u0000" }, field: "name" },
  { route: "PATCH /users/:id", name: "unknown field", change: { email: "x@example.test" }, field: "email" },
  { route: "POST /tickets", name: "missing", change: { subject: undefined }, field: "subject" },
  { route: "POST /tickets", name: "oversized", change: { subject: long(201) }, field: "subject" },
  { route: "POST /tickets", name: "wrong type", change: { subject: 12 }, field: "subject" },
  { route: "POST /tickets", name: "blank", change: { body: " \n " }, field: "body" },
  { route: "POST /tickets", name: "oversized", change: { body: long(20_001) }, field: "body" },
  { route: "POST /tickets", name: "with a NUL character", change: { subject: "Hi\u0000" }, field: "subject" },
  { route: "POST /tickets", name: "unknown enum value", change: { priority: "critical" }, field: "priority" },
  { route: "POST /tickets", name: "not a uuid", change: { customerId: "not-a-uuid" }, field: "customerId" },
  {
    route: "PATCH /tickets/:id",
    name: "unknown enum value",
    change: { status: "archived" },
    field: "status",
  },
  { route: "PATCH /tickets/:id", name: "wrong type", change: { priority: 3 }, field: "priority" },
  { route: "PATCH /tickets/:id", name: "not a uuid", change: { assigneeId: "bob" }, field: "assigneeId" },
  {
    route: "PATCH /tickets/:id",
    name: "unknown field",
    change: { subject: "New subject" },
    field: "subject",
  },
  { route: "POST /tickets/:id/messages", name: "missing", change: { body: undefined }, field: "body" },
  { route: "POST /tickets/:id/messages", name: "oversized", change: { body: long(20_001) }, field: "body" },
  {
    route: "POST /tickets/:id/messages",
    name: "with a NUL character",
    change: { body: "a\u0000b" },
    field: "body",
  },
  { route: "POST /tickets/:id/messages", name: "wrong type", change: { internal: "yes" }, field: "internal" },
];

/** Sends a request and checks it answered `status` without writing anything the route could write. */
async function expectNoWrite(
  route: WriteRoute,
  options: { body?: unknown; rawBody?: string; contentType?: string },
) {
  const before = await route.footprint();
  const res = await server.request(route.method, `/api/v1${route.path()}`, {
    token: route.token(),
    body: options.body,
    rawBody: options.rawBody,
    headers: options.contentType ? { "content-type": options.contentType } : {},
  });
  expect(await route.footprint()).toEqual(before);
  return res;
}

describe("invalid bodies → 400 naming the field, and nothing is written", () => {
  for (const { route, name, change, field } of invalidBodies) {
    test(`${route}: ${field} ${name}`, async () => {
      const body = Object.fromEntries(
        Object.entries({ ...writeRoutes[route].valid, ...change }).filter(([, value]) => value !== undefined),
      );
      const res = await expectNoWrite(writeRoutes[route], { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.issues).toContainEqual(
        expect.objectContaining({ location: "body", path: field }),
      );
    });
  }

  test("every write route has invalid-body cases", () => {
    expect(new Set<string>(invalidBodies.map((c) => c.route))).toEqual(new Set(Object.keys(writeRoutes)));
  });
});

describe("bodies that are not a JSON object → 4xx, and nothing is written", () => {
  for (const [name, route] of Object.entries(writeRoutes)) {
    test(`${name}: malformed JSON → invalid_json`, async () => {
      const res = await expectNoWrite(route, {
        rawBody: '{"subject": "unterminated',
        contentType: "application/json",
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_json");
    });

    test(`${name}: plain text → 415, never read as an empty body`, async () => {
      const res = await expectNoWrite(route, { rawBody: "subject=hello", contentType: "text/plain" });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
    });

    test(`${name}: a JSON array → validation_failed on the whole body`, async () => {
      const res = await expectNoWrite(route, { body: [route.valid] });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0]).toMatchObject({ location: "body", path: "" });
    });
  }

  test("an empty PATCH → 400 asking for at least one field", async () => {
    for (const name of ["PATCH /users/:id", "PATCH /tickets/:id"] as const) {
      const res = await expectNoWrite(writeRoutes[name], { body: {} });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].message).toStartWith("give at least one");
    }
  });
});
