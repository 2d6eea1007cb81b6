import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { SignJWT } from "jose";
import { signToken } from "../auth/tokens.ts";
import { createTestOrg, TEST_PASSWORD, type TestOrg, tokenFor } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

const INVALID_LOGIN = "Invalid organization, e-mail or password";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const logIn = (body: { organizationSlug: string; email: string; password: string }) =>
  server.request("POST", "/api/v1/auth/login", { body });

/** Signs a token the way the API does, but with claims or an expiry the API itself would never issue. */
function craftToken(claims: { sub: string; org: string }, exp: number) {
  return new SignJWT({ org: claims.org })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer("helpdesk")
    .setIssuedAt(exp - 3600)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(env().JWT_SECRET));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("sign-up", () => {
  test("returns a token, the admin and the organization; the token works on /me", async () => {
    const res = await server.request("POST", "/api/v1/auth/signup", {
      body: {
        organizationName: "Zoë's Plumbing",
        name: "Zoë",
        email: "Zoe@Example.test",
        password: "a long enough password",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      role: "admin",
      name: "Zoë",
      email: "zoe@example.test",
      active: true,
    });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.body.organization.name).toBe("Zoë's Plumbing");
    expect(res.body.organization.slug).toStartWith("zoe-s-plumbing");
    expect(res.body.user.organizationId).toBe(res.body.organization.id);

    const me = await server.request("GET", "/api/v1/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
    expect(me.body.organization.id).toBe(res.body.organization.id);
  });

  test("two organizations signing up with one name at once both succeed, with different slugs", async () => {
    const name = `Same Name ${crypto.randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      ["a", "b"].map((who) =>
        server.request("POST", "/api/v1/auth/signup", {
          body: {
            organizationName: name,
            name: who,
            email: `${who}@example.test`,
            password: "long enough pw",
          },
        }),
      ),
    );
    expect(results.map((res) => res.status)).toEqual([201, 201]);
    const slugs = results.map((res) => res.body.organization.slug);
    expect(new Set(slugs).size).toBe(2);
    for (const slug of slugs) expect(slug).toStartWith(name.toLowerCase().replaceAll(" ", "-"));
  });
});

describe("log-in", () => {
  test("organization slug + e-mail + password returns a working token", async () => {
    const res = await logIn({ organizationSlug: org.slug, email: org.agent.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(org.agent.id);
    const me = await server.request("GET", "/api/v1/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(org.agent.id);
  });

  test("the e-mail and the slug are case-insensitive", async () => {
    const res = await logIn({
      organizationSlug: org.slug.toUpperCase(),
      email: org.agent.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(org.agent.id);
  });

  test("wrong password, unknown organization and unknown e-mail answer the same 401", async () => {
    const attempts = [
      { organizationSlug: org.slug, email: org.agent.email, password: "wrong-password" },
      { organizationSlug: "no-such-org", email: org.agent.email, password: TEST_PASSWORD },
      { organizationSlug: org.slug, email: "nobody@example.test", password: TEST_PASSWORD },
    ];
    for (const attempt of attempts) {
      const res = await logIn(attempt);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: "unauthorized", message: INVALID_LOGIN });
      expect(res.body.token).toBeUndefined();
    }
  });
});

describe("bearer tokens", () => {
  test("a token signed with another secret → 401", async () => {
    const forged = await signToken(
      { userId: org.admin.id, organizationId: org.id },
      "some-other-secret-that-is-long-enough-0123456789",
      "1h",
    );
    const res = await server.request("GET", "/api/v1/me", { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Invalid token");
  });

  test("a token whose exp is in the past → 401 'Token expired'", async () => {
    const expired = await craftToken({ sub: org.admin.id, org: org.id }, nowSeconds() - 60);
    const res = await server.request("GET", "/api/v1/me", { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Token expired");
  });

  test("a short-lived token works, then is rejected once it expires", async () => {
    // 3 s, not 1 s: jose rounds `exp` to whole seconds, so a "1s" token may expire before the first call.
    const token = await tokenFor(org.agent, "3s");
    expect((await server.request("GET", "/api/v1/me", { token })).status).toBe(200);
    const res = await waitFor(
      "the token to expire",
      async () => {
        const answer = await server.request("GET", "/api/v1/me", { token });
        return answer.status === 401 ? answer : undefined;
      },
      { timeoutMs: 8_000, intervalMs: 50 },
    );
    expect(res.body.error.message).toBe("Token expired");
  });

  test("malformed or missing credentials → 401", async () => {
    const inAnHour = nowSeconds() + 3600;
    const nonUuidSubject = await craftToken({ sub: "not-a-uuid", org: org.id }, inAnHour);
    const wrongOrganization = await craftToken({ sub: org.admin.id, org: crypto.randomUUID() }, inAnHour);
    const headers: Record<string, Record<string, string>> = {
      "missing header": {},
      "not a JWT": { authorization: "Bearer abc" },
      "scheme without token": { authorization: "Bearer" },
      "token without scheme": { authorization: org.admin.token },
      "basic auth": { authorization: "Basic YWRtaW46cGFzcw==" },
      "non-uuid subject": { authorization: `Bearer ${nonUuidSubject}` },
      "user named with another organization": { authorization: `Bearer ${wrongOrganization}` },
    };
    for (const [name, header] of Object.entries(headers)) {
      const res = await server.request("GET", "/api/v1/me", { headers: header });
      expect({ name, status: res.status, code: res.body.error.code }).toEqual({
        name,
        status: 401,
        code: "unauthorized",
      });
    }
  });
});

describe("deactivated users", () => {
  test("an existing token stops working and log-in answers the usual 401", async () => {
    const user = await org.addUser("agent");
    expect((await server.request("GET", "/api/v1/me", { token: user.token })).status).toBe(200);

    const patch = await server.request("PATCH", `/api/v1/users/${user.id}`, {
      token: org.admin.token,
      body: { active: false },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.active).toBe(false);

    const me = await server.request("GET", "/api/v1/me", { token: user.token });
    expect(me.status).toBe(401);
    const login = await logIn({ organizationSlug: org.slug, email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
    expect(login.body.error.message).toBe(INVALID_LOGIN);
  });
});

describe("rate limit", () => {
  test("the 4th attempt within a minute → 429 rate_limited when the limit is 3", async () => {
    const limited = await startTestServer({
      AUTH_RATE_LIMIT_PER_MINUTE: 3,
      QUEUE_PREFIX: uniquePrefix("ratelimit"),
    });
    try {
      const attempt = () =>
        limited.request("POST", "/api/v1/auth/login", {
          body: { organizationSlug: org.slug, email: org.agent.email, password: "wrong-password" },
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401]);

      const blocked = await attempt();
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("content-type")).toContain("application/json");
      expect(blocked.body.error.code).toBe("rate_limited");
      expect(blocked.body.error.requestId).toBe(blocked.headers.get("x-request-id") ?? "");
    } finally {
      await limited.close();
    }
  });
});
