import { afterAll, beforeAll, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ BODY_TIMEOUT_MS: 500 });
});
afterAll(() => server.close());

/** A client that announces a large body and sends only its first bytes. */
async function slowBody(): Promise<Socket> {
  const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"a":',
  );
  return socket;
}

test("connections whose body does not arrive in time are closed; the server answers others meanwhile", async () => {
  const sockets = await Promise.all(Array.from({ length: 20 }, slowBody));
  const closed = sockets.map(
    (socket) => new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now()))),
  );
  const started = Date.now();
  expect((await server.request("GET", "/health")).status).toBe(200);
  const closedAt = await Promise.race([
    Promise.all(closed),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("still open after 10 s")), 10_000)),
  ]);
  // Not before the body's time was up.
  for (const at of closedAt) expect(at - started).toBeGreaterThanOrEqual(400);
});

test("a body that arrives in time is read as usual", async () => {
  const res = await server.request("POST", "/api/v1/auth/login", {
    body: { organizationSlug: "nobody", email: "a@b.test", password: "x" },
  });
  expect(res.status).toBe(401);
});
