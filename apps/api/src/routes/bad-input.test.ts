import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { ticketFollowers, ticketMessages, users } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { deadLetter } from "../testing/jobs.ts";
import { captureLogs } from "../testing/log-capture.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";
import { openTicket } from "../testing/tickets.ts";

const logs = captureLogs();
let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({}, { logger: logs.logger });
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const errorLines = () => logs.lines.filter((line) => Number(line.level) >= 50);

describe("bodies that can't be read → 4xx, never 500, and no error-level log", () => {
  const post = (headers: Record<string, string>, body: Uint8Array | string) =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });

  test.each([
    ["gzip", "garbage that is not gzip"],
    ["br", "garbage that is not brotli"],
    ["deflate", "garbage that is not deflate"],
  ])("content-encoding %s with garbage → 400 JSON", async (encoding, body) => {
    const before = errorLines().length;
    const res = await post({ "content-encoding": encoding }, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: "bad_request" });
    expect(errorLines().length).toBe(before);
  });

  test("an unsupported content-encoding → 415", async () => {
    const res = await post({ "content-encoding": "compress" }, "whatever");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_encoding");
  });

  test("a valid gzip body is read", async () => {
    const body = gzipSync(JSON.stringify({ organizationSlug: "nobody", email: "a@b.test", password: "x" }));
    const res = await post({ "content-encoding": "gzip" }, body);
    expect(res.status).toBe(401);
  });

  test("a client that aborts mid-body is logged below error level, and the server goes on", async () => {
    const before = errorLines().length;
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    );
    await waitFor("the server to start reading the body", () =>
      logs.lines.some((line) => (line.req as { url?: string } | undefined)?.url === "/api/v1/auth/login"),
    ).catch(() => undefined);
    socket.destroy();
    await waitFor("the aborted request to be logged", () =>
      logs.lines.find((line) => line.msg === "the client aborted its request"),
    );
    expect(errorLines().length).toBe(before);
    expect((await server.request("GET", "/health")).status).toBe(200);
  });
});

describe("malformed paths → 404", () => {
  test.each(["/api/v1/tickets/%zz", "/api/v1/tickets/%FF", "/api/v1/tickets/%E0%A4%A"])(
    "%s",
    async (path) => {
      const res = await server.request("GET", path);
      expect(res.status).toBe(404);
      expect(res.body.error.requestId).toBeString();
      const authed = await server.request("GET", path, { token: org.agent.token });
      expect(authed.status).toBe(404);
    },
  );
});

describe("a body that is not JSON on a route that takes one → 415, nothing done", () => {
  test.each([
    ["text/plain", "text/plain"],
    ["form-encoded", "application/x-www-form-urlencoded"],
  ])("follow a ticket with a %s body", async (_name, type) => {
    const ticket = await openTicket(server, org);
    const res = await server.request("POST", `/api/v1/tickets/${ticket.id}/followers`, {
      token: org.agent.token,
      headers: { "content-type": type },
      rawBody: JSON.stringify({ userId: org.agent2.id }),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
    const followers = await server.db
      .select()
      .from(ticketFollowers)
      .where(eq(ticketFollowers.ticketId, ticket.id));
    expect(followers).toEqual([]);
  });

  test("retry a dead letter with an edited payload sent as text/plain", async () => {
    const row = await deadLetter(server, org.id, (await openTicket(server, org)).id);
    const res = await server.request("POST", `/api/v1/admin/jobs/dead-letters/${row.id}/retry`, {
      token: org.admin.token,
      headers: { "content-type": "text/plain" },
      rawBody: JSON.stringify({ payload: { ...(row.payload as object), type: "message.added" } }),
    });
    expect(res.status).toBe(415);
    const list = await server.request("GET", "/api/v1/admin/jobs/dead-letters", { token: org.admin.token });
    expect(list.body.data.find((each: { id: string }) => each.id === row.id).retriedAt).toBeNull();
  });

  test("a body without a content-type at all", async () => {
    const ticket = await openTicket(server, org);
    const res = await fetch(`${server.url}/api/v1/tickets/${ticket.id}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${org.agent.token}` },
      body: new Blob([JSON.stringify({ body: "hi" })]),
    });
    expect(res.status).toBe(415);
  });
});

describe("text PostgreSQL can't store as sent → 400 naming the field, nothing written", () => {
  test("a lone surrogate in a message body", async () => {
    const ticket = await openTicket(server, org);
    const res = await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      token: org.customer.token,
      headers: { "content-type": "application/json" },
      rawBody: '{"body":"hello\\ud800"}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ location: "body", path: "body" }),
    ]);
    const messages = await server.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket.id));
    expect(messages).toHaveLength(1); // the ticket's first message only
  });

  test("a low surrogate alone, in a nested field name", async () => {
    const res = await server.request("POST", "/api/v1/tickets", {
      token: org.customer.token,
      headers: { "content-type": "application/json" },
      rawBody: '{"subject":"ok","body":"ok","\\udc00":1}',
    });
    expect(res.status).toBe(400);
  });
});

test("a malformed notifications cursor → 400, like every other list", async () => {
  const shapes = [
    [1, "2024-01-01T00:00:00.000Z", ["0190aaaa-0000-7000-8000-000000000000"]],
    [1, "2024-01-01T00:00:00.000Z"],
    [2, "2024-01-01T00:00:00.000Z", "0190aaaa-0000-7000-8000-000000000000"],
    [1, "2024-01-01", "0190aaaa-0000-7000-8000-000000000000"],
    [1, "2024-01-01T00:00:00.000Z", "0190aaaa-0000-7000-8000-000000000000", "extra"],
  ];
  for (const shape of shapes) {
    const cursor = Buffer.from(JSON.stringify(shape)).toString("base64url");
    const res = await server.request("GET", `/api/v1/notifications?cursor=${cursor}`, {
      token: org.agent.token,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("cursor");
  }
});

test("a user deleted behind the API's back: their cached token gets 401 at once", async () => {
  const user = await org.addUser("agent");
  expect((await server.request("GET", "/api/v1/me", { token: user.token })).status).toBe(200);
  await server.db.delete(users).where(eq(users.id, user.id));
  const res = await server.request("GET", "/api/v1/me", { token: user.token });
  expect(res.status).toBe(401);
  expect((await server.request("GET", "/api/v1/tickets", { token: user.token })).status).toBe(401);
});

test("authenticated JSON answers (and log-ins) are never cached", async () => {
  const me = await server.request("GET", "/api/v1/me", { token: org.agent.token });
  expect(me.headers.get("cache-control")).toBe("no-store");
  const login = await server.request("POST", "/api/v1/auth/login", {
    body: { organizationSlug: org.slug, email: org.agent.email, password: "wrong-password" },
  });
  expect(login.headers.get("cache-control")).toBe("no-store");
});
