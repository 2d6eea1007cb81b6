import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { startTestServer, type TestServer } from "../testing/server.ts";

const INDEX =
  '<!doctype html><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script>';
const ASSET = "console.log('app');";
const page = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
const ticketPath = `/tickets/${crypto.randomUUID()}`;
/**
 * The servers a test starts and closes at once go without Socket.IO: closed before its Valkey
 * subscriber is connected, the adapter's queued SUBSCRIBEs are rejected with no one to catch them.
 */
const noSockets = { realtime: false };

let root: string;
let dist: string;
let server: TestServer;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "helpdesk-web-"));
  dist = join(root, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), INDEX);
  writeFileSync(join(dist, "assets", "app-abc123.js"), ASSET);
  server = await startTestServer({ WEB_APP: "built", WEB_DIST_DIR: dist });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("built web app", () => {
  test("a page path answers index.html, never cached", async () => {
    const res = await fetch(server.url + ticketPath, { headers: page });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("text/html");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe(INDEX);
  });

  test("the root answers index.html too", async () => {
    const res = await fetch(`${server.url}/`, { headers: page });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
  });

  test("a hashed asset is cached for a year", async () => {
    const res = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toBe(ASSET);
  });

  test("a missing asset is a 404, not the app", async () => {
    for (const accept of [page.accept, "*/*"]) {
      const res = await server.request("GET", "/assets/app-gone999.js", { headers: { accept } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("route_not_found");
    }
  });

  test("an unknown API path answers the JSON 404, even to a browser", async () => {
    for (const path of ["/api/v1/unknown", "/API/v1/unknown"]) {
      const res = await server.request("GET", path, { headers: page });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toStartWith("application/json");
      expect(res.body.error.code).toBe("route_not_found");
    }
  });

  test("a JSON client on an unknown non-API path gets the JSON 404", async () => {
    const res = await server.request("GET", "/no-such-page", { headers: { accept: "application/json" } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
  });

  test("a POST to a page path is not served the app", async () => {
    const res = await server.request("POST", ticketPath, { headers: page, body: {} });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("route_not_found");
  });

  test("the OpenAPI document is still JSON to a browser", async () => {
    const res = await server.request("GET", "/api/v1/openapi.json", { headers: page });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
  });
});

describe("web app directory", () => {
  test("a relative WEB_DIST_DIR serves pages and caches assets", async () => {
    const relativeServer = await startTestServer(
      {
        WEB_APP: "built",
        WEB_DIST_DIR: relative(process.cwd(), dist),
      },
      noSockets,
    );
    try {
      const pageRes = await fetch(relativeServer.url + ticketPath, { headers: page });
      expect(pageRes.status).toBe(200);
      expect(await pageRes.text()).toBe(INDEX);
      const asset = await fetch(`${relativeServer.url}/assets/app-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    } finally {
      await relativeServer.close();
    }
  });

  test("without a build, page paths answer 503 saying how to build", async () => {
    const unbuilt = await startTestServer(
      { WEB_APP: "built", WEB_DIST_DIR: join(root, "missing") },
      noSockets,
    );
    try {
      const res = await fetch(unbuilt.url + ticketPath, { headers: page });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("bun run build");
      const api = await unbuilt.request("GET", "/api/v1/unknown", { headers: page });
      expect(api.status).toBe(404);
      expect(api.body.error.code).toBe("route_not_found");
    } finally {
      await unbuilt.close();
    }
  });

  test("WEB_APP=off serves no pages", async () => {
    const off = await startTestServer({ WEB_APP: "off", WEB_DIST_DIR: dist }, noSockets);
    try {
      const res = await off.request("GET", ticketPath, { headers: page });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("route_not_found");
    } finally {
      await off.close();
    }
  });
});
