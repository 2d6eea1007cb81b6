import { afterAll, beforeAll, expect, test } from "bun:test";
import { migrateDatabase } from "@helpdesk/db/migrate";
import { type PrivatePostgres, startPrivatePostgres } from "@helpdesk/db/testing/private-postgres";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { createTestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let postgres: PrivatePostgres;
let server: TestServer;

beforeAll(async () => {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  postgres = startPrivatePostgres(port);
  const url = postgres.url.replace(/\/postgres$/, "/helpdesk");
  await migrateDatabase(url);
  server = await startTestServer({ DATABASE_URL: url, QUEUE_PREFIX: uniquePrefix("pg-restart") });
});
afterAll(async () => {
  await server.close();
  postgres.destroy();
});

test("when PostgreSQL crashes the API answers 503 (and stays up); once it is back, writes succeed again", async () => {
  const org = await createTestOrg(server.db);
  const open = () =>
    server.request("POST", "/api/v1/tickets", {
      token: org.customer.token,
      body: { subject: "Still there?", body: "x" },
    });
  expect((await open()).status).toBe(201);

  postgres.stop("immediate");
  const down = await open();
  expect(down.status).toBe(503);
  expect(down.body.error.code).toBe("service_unavailable");
  expect(JSON.stringify(down.body)).not.toContain("ECONNREFUSED");
  const ready = await server.request("GET", "/health/ready");
  expect(ready.status).toBe(503);
  expect(ready.body.failed).toEqual(["postgres"]);

  postgres.start();
  const back = await waitFor("writes to succeed again", async () => {
    const res = await open();
    return res.status === 201 ? res : undefined;
  });
  expect(back.body.subject).toBe("Still there?");
  expect((await server.request("GET", "/health/ready")).status).toBe(200);
});
