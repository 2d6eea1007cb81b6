import { afterAll, beforeAll, expect, test } from "bun:test";
import { uniquePrefix } from "@helpdesk/jobs/testing/wait-for";
import { type PrivateValkey, startPrivateValkey } from "@helpdesk/valkey/testing/private-valkey";
import { createTestOrg, TEST_PASSWORD, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

// Valkey stopped by its pid: the job routes and Bull Board answer 503 with Retry-After, and the
// routes that only count (rate limits) or check (readiness) answer within a second.
let valkey: PrivateValkey;
let server: TestServer;
let org: TestOrg;
const operator = { authorization: "Bearer dev-operator-token" };

beforeAll(async () => {
  valkey = await startPrivateValkey();
  // Real limits: their counters live in the Valkey that goes down.
  server = await startTestServer(
    {
      VALKEY_URL: valkey.url,
      QUEUE_PREFIX: uniquePrefix("valkey-down"),
      AUTH_RATE_LIMIT_PER_MINUTE: 20,
      LOGIN_FAILURES_PER_ACCOUNT: 10,
    },
    { realtime: false },
  );
  org = await createTestOrg(server.db);
  await valkey.stop("SIGKILL");
});
afterAll(async () => {
  await server.close();
  await valkey.stop();
});

const timed = async <T>(call: () => Promise<T>) => {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
};

test.each([
  "/api/v1/admin/jobs/stats",
  "/api/v1/admin/jobs/schedulers",
  "/api/v1/admin/jobs/email/stats",
  "/api/v1/admin/jobs/email/some-job-id",
])("GET %s → 503 with Retry-After, for an admin and the operator", async (path) => {
  for (const headers of [{ authorization: `Bearer ${org.admin.token}` }, operator]) {
    const { result: res, ms } = await timed(() => server.request("GET", path, { headers }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.body.error.code).toBe("service_unavailable");
    expect(JSON.stringify(res.body)).not.toContain("enableOfflineQueue");
    expect(ms).toBeLessThan(1_000);
  }
});

test("retrying a failed job → 503", async () => {
  const res = await server.request("POST", "/api/v1/admin/jobs/email/some-job-id/retry", {
    headers: operator,
  });
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
});

test("Bull Board's API → 503 with Retry-After; its page still loads", async () => {
  const api = await server.request("GET", "/admin/queues/api/queues", { headers: operator });
  expect(api.status).toBe(503);
  expect(api.headers.get("retry-after")).toBe("5");
  expect(
    (await server.request("GET", "/admin/queues", { headers: { ...operator, accept: "text/html" } })).status,
  ).toBe(200);
});

test("log-in, sign-up and the operator's log-in answer within a second (the limits let them through)", async () => {
  const login = await timed(() =>
    server.request("POST", "/api/v1/auth/login", {
      body: { organizationSlug: org.slug, email: org.agent.email, password: TEST_PASSWORD },
    }),
  );
  expect(login.result.status).toBe(200);
  expect(login.ms).toBeLessThan(1_000);
  const signup = await timed(() =>
    server.request("POST", "/api/v1/auth/signup", {
      body: {
        organizationName: "Down Co",
        name: "Ada",
        email: `ada-${crypto.randomUUID().slice(0, 8)}@down.test`,
        password: "a long enough password",
      },
    }),
  );
  expect(signup.result.status).toBe(201);
  expect(signup.ms).toBeLessThan(1_000);
  const operatorLogin = await timed(() =>
    fetch(`${server.url}/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=dev-operator-token",
      redirect: "manual",
    }),
  );
  expect(operatorLogin.result.status).toBe(303);
  expect(operatorLogin.ms).toBeLessThan(1_000);
});

test("readiness answers 503 within a second, without the client library's words", async () => {
  const { result: res, ms } = await timed(() => server.request("GET", "/health/ready"));
  expect(res.status).toBe(503);
  expect(res.body.failed).toEqual(["valkey"]);
  expect(res.body.checks.valkey).toEqual({ status: "error" });
  expect(ms).toBeLessThan(1_000);
});

test("the limits say they are letting requests through, in the metrics", async () => {
  const metrics = await fetch(`${server.url}/metrics`, { headers: operator }).then((res) => res.text());
  expect(metrics).toMatch(/helpdesk_rate_limit_unavailable_total\{limit="login"\} [1-9]/);
});
