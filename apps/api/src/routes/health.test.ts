import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("health", () => {
  test("liveness answers without touching PostgreSQL or Valkey", async () => {
    const res = await server.request("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  test("readiness checks PostgreSQL and Valkey", async () => {
    const res = await server.request("GET", "/health/ready");
    expect(res.status).toBe(200);
    expect(res.body.checks.postgres.status).toBe("ok");
    expect(res.body.checks.valkey.status).toBe("ok");
  });

  test("readiness answers 503 naming the service that is down", async () => {
    const down = await startTestServer({ VALKEY_URL: "redis://127.0.0.1:1" }, { realtime: false });
    try {
      const res = await down.request("GET", "/health/ready");
      expect(res.status).toBe(503);
      expect(res.body.failed).toEqual(["valkey"]);
      expect(res.body.checks.postgres.status).toBe("ok");
    } finally {
      await down.close();
    }
  });
});

describe("HTTP errors", () => {
  test("unknown route → 404 JSON with a request id", async () => {
    const res = await server.request("GET", "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
    expect(res.body.error.requestId).toBe(res.headers.get("x-request-id") ?? "");
  });

  test("a caller's X-Request-Id is echoed back", async () => {
    const res = await server.request("GET", "/nope", { headers: { "x-request-id": "trace-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
    expect(res.body.error.requestId).toBe("trace-abc-123");
  });

  test("body over 1 MB → 413 JSON", async () => {
    const res = await server.request("POST", "/api/v1/auth/login", {
      rawBody: JSON.stringify({ password: "x".repeat(1_100_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  test("malformed JSON → 400 JSON", async () => {
    const res = await server.request("POST", "/api/v1/auth/login", {
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });
});

describe("OpenAPI", () => {
  test("document lists every route with its schemas", async () => {
    const res = await server.request("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toContain("/api/v1/tickets/{id}");
    expect(
      res.body.paths["/api/v1/tickets"].post.requestBody.content["application/json"].schema.required,
    ).toContain("subject");
  });

  test("/docs serves the reference page and its script from this server", async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-url="/api/v1/openapi.json"');
    const script = await fetch(`${server.url}/docs/scalar.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
