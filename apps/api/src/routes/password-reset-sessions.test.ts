import { afterAll, beforeAll, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { SignJWT } from "jose";
import { awaitAccountLink } from "../testing/account-emails.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";
import { connectSocket, refusal } from "../testing/sockets.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServerWithWorkers({ EMAIL_RATE_LIMIT_PER_SECOND: 100 });
  org = await createTestOrg(server.db, "Sessions Org");
});
afterAll(() => server.close());

/** A bearer token as log-in signs it, issued a minute ago: a session opened before the reset. */
async function earlierSession(user: { id: string; organizationId: string }) {
  const issuedAt = Math.floor(Date.now() / 1000) - 60;
  return new SignJWT({ org: user.organizationId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuer("helpdesk")
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 3_600)
    .sign(new TextEncoder().encode(env().JWT_SECRET));
}

test("a password reset ends the sessions opened before it: requests 401, sockets closed and refused", async () => {
  const user = await org.addUser("agent");
  const before = await earlierSession(user);
  expect((await server.request("GET", "/api/v1/me", { token: before })).status).toBe(200);
  const socket = await connectSocket(server.url, before);
  const closed = new Promise((resolve) => socket.socket.once("disconnect", resolve));

  await server.request("POST", "/api/v1/auth/password-reset", {
    body: { organizationSlug: org.slug, email: user.email },
  });
  const { token } = await awaitAccountLink(server, user.email);
  const confirmed = await server.request("POST", "/api/v1/auth/password-reset/confirm", {
    body: { token, password: "a brand new passphrase" },
  });
  expect(confirmed.status).toBe(204);

  await closed;
  const refused = await server.request("GET", "/api/v1/me", { token: before });
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toContain("password was reset");
  expect(await refusal(server.url, before)).toContain("password was reset");

  // A log-in with the new password opens a session that works.
  const login = await server.request("POST", "/api/v1/auth/login", {
    body: { organizationSlug: org.slug, email: user.email, password: "a brand new passphrase" },
  });
  expect(login.status).toBe(200);
  expect((await server.request("GET", "/api/v1/me", { token: login.body.token })).status).toBe(200);
  // Another user's session is untouched.
  expect((await server.request("GET", "/api/v1/me", { token: org.agent.token })).status).toBe(200);
});
