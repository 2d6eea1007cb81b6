import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { uniquePrefix } from "@helpdesk/jobs/testing/wait-for";
import { createTestOrg, TEST_PASSWORD, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_FAILURES_PER_ACCOUNT: 3 });
  org = await createTestOrg(server.db);
});
afterAll(() => server.close());

const logIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  server.request("POST", "/api/v1/auth/login", {
    body: { organizationSlug: org.slug, email, password },
    headers,
  });

describe("wrong passwords per account, from any address", () => {
  test("after 3 failures the account answers 429 with Retry-After, even to the right password", async () => {
    const user = await org.addUser("agent");
    for (let i = 0; i < 3; i++) expect((await logIn(user.email, "wrong-password")).status).toBe(401);
    const refused = await logIn(user.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
  });

  test("an account that doesn't exist gets the same answers", async () => {
    const email = `nobody-${crypto.randomUUID().slice(0, 8)}@test.test`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await logIn(email, "wrong-password")).status);
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  test("a right password clears the count", async () => {
    const user = await org.addUser("agent");
    for (let i = 0; i < 2; i++) await logIn(user.email, "wrong-password");
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await logIn(user.email, "wrong-password")).status).toBe(401);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  test("each refusal is counted in the metrics", async () => {
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer dev-operator-token" },
    }).then((res) => res.text());
    expect(metrics).toMatch(/helpdesk_rate_limit_refused_total\{limit="login-failures"\} [1-9]/);
  });
});

describe("per address: separate budgets, and X-Forwarded-For not believed by default", () => {
  test("spending the sign-up budget leaves log-in and the operator's log-in alone", async () => {
    const fresh = await startTestServer({
      AUTH_RATE_LIMIT_PER_MINUTE: 2,
      QUEUE_PREFIX: uniquePrefix("limits"),
    });
    try {
      const signUp = () =>
        fresh.request("POST", "/api/v1/auth/signup", {
          body: { organizationName: "X", name: "X", email: "bad", password: "a long enough password" },
        });
      expect((await signUp()).status).toBe(400);
      expect((await signUp()).status).toBe(400);
      const third = await signUp();
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBeString();
      const login = await fresh.request("POST", "/api/v1/auth/login", {
        body: { organizationSlug: "none", email: "a@b.test", password: "x" },
      });
      expect(login.status).toBe(401);
      const operatorLogin = await fetch(`${fresh.url}/admin/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "token=wrong",
      });
      expect(operatorLogin.status).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  test("a client can't pick its own budget with X-Forwarded-For", async () => {
    const fresh = await startTestServer({
      AUTH_RATE_LIMIT_PER_MINUTE: 2,
      QUEUE_PREFIX: uniquePrefix("limits"),
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await fresh.request("POST", "/api/v1/auth/login", {
          body: { organizationSlug: "none", email: "a@b.test", password: "x" },
          headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await fresh.close();
    }
  });
});
