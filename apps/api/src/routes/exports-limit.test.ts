import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { outboxEvents, reportExports } from "@helpdesk/db/schema";
import { and, count, eq } from "drizzle-orm";
import { MAX_EXPORTS_IN_FLIGHT } from "../services/exports/request-export.ts";
import { createTestOrg, type TestOrg, type TestUser } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

// No workers: every accepted export stays queued, so what is in flight is what the test made.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const post = (user: TestUser) =>
  server.request("POST", "/api/v1/reports/exports", {
    token: user.token,
    body: { type: "tickets", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
  });

/** The requester's export rows, and their organization's export jobs (in the outbox or the queue). */
async function footprint(org: TestOrg, user: TestUser) {
  await server.jobs.relay.idle();
  const rows = await server.db
    .select({ id: reportExports.id, status: reportExports.status })
    .from(reportExports)
    .where(eq(reportExports.requesterId, user.id))
    .orderBy(reportExports.createdAt);
  const [outbox] = await server.db
    .select({ n: count() })
    .from(outboxEvents)
    .where(and(eq(outboxEvents.organizationId, org.id), eq(outboxEvents.jobName, "reports.export")));
  const queued = await server.jobs.queue("reports").getJobs(["waiting", "prioritized", "delayed"]);
  const jobs = queued.filter((job) => job.data?.organizationId === org.id).length;
  return { rows, jobs: jobs + (outbox?.n ?? 0) };
}

describe("exports in flight per requester", () => {
  test(`past ${MAX_EXPORTS_IN_FLIGHT} queued or running, a request is refused with 429 and writes nothing`, async () => {
    const org = await createTestOrg(server.db, "Export limit");
    for (let i = 0; i < MAX_EXPORTS_IN_FLIGHT; i++) expect((await post(org.agent)).status).toBe(202);
    const [first] = (await footprint(org, org.agent)).rows;
    await server.db
      .update(reportExports)
      .set({ status: "running" })
      .where(eq(reportExports.id, first?.id ?? ""));
    const before = await footprint(org, org.agent);

    const refused = await post(org.agent);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toContain(`${MAX_EXPORTS_IN_FLIGHT} exports queued or running`);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await footprint(org, org.agent)).toEqual(before);

    // Another requester of the same organization has room of their own.
    expect((await post(org.agent2)).status).toBe(202);
  });

  test("a finished or failed export frees its place", async () => {
    const org = await createTestOrg(server.db, "Export limit");
    for (let i = 0; i < MAX_EXPORTS_IN_FLIGHT; i++) expect((await post(org.agent)).status).toBe(202);
    expect((await post(org.agent)).status).toBe(429);
    const [ready, failed] = (await footprint(org, org.agent)).rows;
    await server.db
      .update(reportExports)
      .set({ status: "ready" })
      .where(eq(reportExports.id, ready?.id ?? ""));
    expect((await post(org.agent)).status).toBe(202);
    expect((await post(org.agent)).status).toBe(429);
    await server.db
      .update(reportExports)
      .set({ status: "failed" })
      .where(eq(reportExports.id, failed?.id ?? ""));
    expect((await post(org.admin)).status).toBe(202);
    expect((await post(org.agent)).status).toBe(202);
  });

  test("requests racing each other still get no more than the limit", async () => {
    const org = await createTestOrg(server.db, "Export limit");
    const answers = await Promise.all(
      Array.from({ length: MAX_EXPORTS_IN_FLIGHT + 4 }, () => post(org.agent)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(MAX_EXPORTS_IN_FLIGHT).fill(202),
      ...Array<number>(4).fill(429),
    ]);
    const { rows, jobs } = await footprint(org, org.agent);
    expect(rows.map((row) => row.status)).toEqual(Array(MAX_EXPORTS_IN_FLIGHT).fill("queued"));
    expect(jobs).toBe(MAX_EXPORTS_IN_FLIGHT);
  });
});
