import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { deadLetterJobs } from "@helpdesk/db/schema";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq } from "drizzle-orm";
import { operatorSessionValue } from "../auth/operator-session.ts";
import type { JobProcessing } from "../boot/jobs.ts";
import { createTestOrg, type TestOrg } from "../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../testing/server.ts";

let server: TestServer & { workers: JobProcessing };
let orgA: TestOrg;
let orgB: TestOrg;
let failedJobId: string;
let deadLetterId: string;
const operator = env().OPERATOR_TOKEN;

beforeAll(async () => {
  server = await startTestServerWithWorkers({ QUEUE_PREFIX: uniquePrefix("admin-jobs") });
  await server.workers.schedulers;
  orgA = await createTestOrg(server.db, "Org A");
  orgB = await createTestOrg(server.db, "Org B");
  const job = await addBrokenEvent(`${orgA.id}_broken-event`);
  failedJobId = job.id ?? "";
  const row = await waitFor("the dead letter", async () =>
    (await server.db.select().from(deadLetterJobs).where(eq(deadLetterJobs.jobId, failedJobId))).at(0),
  );
  deadLetterId = row.id;
});
afterAll(async () => {
  await server.close();
});

/** A ticket event whose payload lacks its ticket: it fails once, unrecoverably, into org A's dead letters. */
function addBrokenEvent(jobId: string) {
  return server.jobs.queue("ticket-notifications").add(
    "ticket.event",
    {
      organizationId: orgA.id,
      type: "ticket.created",
      actorId: null,
      occurredAt: new Date().toISOString(),
    },
    { jobId },
  );
}

describe("who may use the admin job routes", () => {
  const routes = [
    ["GET", "/api/v1/admin/jobs/stats"],
    ["GET", "/api/v1/admin/jobs/schedulers"],
    ["GET", "/api/v1/admin/jobs/dead-letters"],
    ["GET", "/api/v1/admin/jobs/email/stats"],
  ] as const;

  test("customers and agents are refused (403); admins and the operator are let in", async () => {
    for (const [method, path] of routes) {
      expect((await server.request(method, path, { token: orgA.customer.token })).status).toBe(403);
      expect((await server.request(method, path, { token: orgA.agent.token })).status).toBe(403);
      expect((await server.request(method, path, { token: orgA.admin.token })).status).toBe(200);
      expect((await server.request(method, path, { token: operator })).status).toBe(200);
    }
  });

  test("a wrong operator token is refused (401)", async () => {
    const res = await server.request("GET", "/api/v1/admin/jobs/stats", { token: `${operator}-wrong` });
    expect(res.status).toBe(401);
  });
});

describe("organization scoping", () => {
  test("org A's admin sees the failed job; org B's admin gets 404; the operator sees it", async () => {
    const path = `/api/v1/admin/jobs/ticket-notifications/${failedJobId}`;
    const mine = await server.request("GET", path, { token: orgA.admin.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: failedJobId,
      name: "ticket.event",
      state: "failed",
      attemptsMade: 1,
    });
    expect(mine.body.failedReason).toContain("Invalid payload");
    expect((await server.request("GET", path, { token: orgB.admin.token })).status).toBe(404);
    expect((await server.request("GET", path, { token: operator })).status).toBe(200);
  });

  test("dead letters are listed to their organization's admin only", async () => {
    const mine = await server.request("GET", "/api/v1/admin/jobs/dead-letters", { token: orgA.admin.token });
    expect(mine.body.data.map((row: { id: string }) => row.id)).toContain(deadLetterId);
    const theirs = await server.request("GET", "/api/v1/admin/jobs/dead-letters", {
      token: orgB.admin.token,
    });
    expect(theirs.body.data).toEqual([]);
    const retry = await server.request("POST", `/api/v1/admin/jobs/dead-letters/${deadLetterId}/retry`, {
      token: orgB.admin.token,
      body: {},
    });
    expect(retry.status).toBe(404);
  });

  test("stats count only the admin's own organization's jobs", async () => {
    const stats = async (token: string) => {
      const res = await server.request("GET", "/api/v1/admin/jobs/ticket-notifications/stats", { token });
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await stats(orgA.admin.token)).counts.failed).toBeGreaterThanOrEqual(1);
    expect((await stats(orgB.admin.token)).counts.failed).toBe(0);
    const all = await server.request("GET", "/api/v1/admin/jobs/stats", { token: orgB.admin.token });
    for (const queue of all.body.queues) expect(queue.counts.failed).toBe(0);
    expect((await stats(operator)).perMinute.failed).toHaveLength(60);
  });
});

describe("repairing failed jobs", () => {
  test("a dead letter is retried with an edited payload once; a second retry is 409", async () => {
    const ticket = await server.request("POST", "/api/v1/tickets", {
      token: orgA.customer.token,
      body: { subject: "Broken event target", body: "hello" },
    });
    const retryPath = `/api/v1/admin/jobs/dead-letters/${deadLetterId}/retry`;

    const unchanged = await server.request("POST", retryPath, { token: orgA.admin.token, body: {} });
    expect(unchanged.status).toBe(400);
    expect(unchanged.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(
      "payload.ticketId",
    );

    const payload = {
      organizationId: orgA.id,
      type: "ticket.created",
      ticketId: ticket.body.id,
      actorId: null,
      occurredAt: new Date().toISOString(),
      eventId: crypto.randomUUID(),
    };
    const elsewhere = await server.request("POST", retryPath, {
      token: orgA.admin.token,
      body: { payload: { ...payload, organizationId: orgB.id } },
    });
    expect(elsewhere.status).toBe(400);

    const retried = await server.request("POST", retryPath, { token: orgA.admin.token, body: { payload } });
    expect(retried.status).toBe(200);
    expect(retried.body.retriedBy).toBe(orgA.admin.id);
    const newJob = await server.jobs.queue("ticket-notifications").getJob(retried.body.retriedJobId);
    await waitFor("the retried job", async () => (await newJob?.getState()) === "completed");

    const again = await server.request("POST", retryPath, { token: orgA.admin.token, body: { payload } });
    expect(again.status).toBe(409);
  });

  test("a failed job still in BullMQ can be retried by id, once per failure; others answer 409", async () => {
    // The first broken job's failure was retried from the dead-letter list above: not again by id.
    const already = await server.request(
      "POST",
      `/api/v1/admin/jobs/ticket-notifications/${failedJobId}/retry`,
      {
        token: orgA.admin.token,
      },
    );
    expect(already.status).toBe(409);

    const job = await addBrokenEvent(`${orgA.id}_broken-event-2`);
    const deadLettersOf = () =>
      server.db
        .select()
        .from(deadLetterJobs)
        .where(eq(deadLetterJobs.jobId, job.id ?? ""));
    await waitFor("its dead letter", async () => (await deadLettersOf()).length === 1);
    const path = `/api/v1/admin/jobs/ticket-notifications/${job.id}/retry`;
    expect((await server.request("POST", path, { token: orgB.admin.token })).status).toBe(404);
    const res = await server.request("POST", path, { token: orgA.admin.token });
    expect(res.status).toBe(200);
    // Same broken payload: it fails again, a new failure with its own dead letter; the first is marked.
    const rows = await waitFor("the second failure", async () => {
      const found = await deadLettersOf();
      return found.length === 2 ? found : undefined;
    });
    expect(rows.filter((row) => row.retriedJobId === job.id)).toHaveLength(1);

    const completed = (
      await server.request("GET", "/api/v1/admin/jobs/dead-letters?queue=ticket-notifications", {
        token: orgA.admin.token,
      })
    ).body.data.find((row: { id: string }) => row.id === deadLetterId).retriedJobId;
    const notFailed = await server.request(
      "POST",
      `/api/v1/admin/jobs/ticket-notifications/${completed}/retry`,
      {
        token: operator,
      },
    );
    expect(notFailed.status).toBe(409);
  });

  test("schedulers list the scans with their pattern, timezone and next run", async () => {
    const res = await server.request("GET", "/api/v1/admin/jobs/schedulers", { token: orgA.admin.token });
    const ids = res.body.schedulers.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["tickets.auto-close-scan", "cleanup.sweep"]));
    for (const scheduler of res.body.schedulers) {
      expect(scheduler.timezone).toBe("UTC");
      expect(new Date(scheduler.nextRunAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
  });
});

describe("dashboard and metrics", () => {
  test("Bull Board: a browser without a session gets the login page; API clients get a JSON 401", async () => {
    const page = await fetch(`${server.url}/admin/queues`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("Operator token");
    const api = await fetch(`${server.url}/admin/queues/api/queues`, {
      headers: { accept: "application/json" },
    });
    expect(api.status).toBe(401);
  });

  test("Bull Board: a wrong token is refused; the operator token opens a session", async () => {
    const login = (token: string) =>
      fetch(`${server.url}/admin/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }),
      });
    const wrong = await login("not-the-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const right = await login(operator);
    expect(right.status).toBe(303);
    const cookie = right.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).not.toContain(operator);
    const stale = `hd_operator=${operatorSessionValue(operator, Date.now() - 13 * 3600_000)}`;
    expect(
      (await fetch(`${server.url}/admin/queues/api/queues`, { headers: { cookie: stale } })).status,
    ).toBe(401);
    const board = await fetch(`${server.url}/admin/queues/api/queues`, { headers: { cookie } });
    expect(board.status).toBe(200);
    const body = (await board.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain("ticket-notifications");
  });

  test("/metrics needs the operator token and reports queues, jobs and dead letters", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${operator}` } });
    const text = await res.text();
    for (const metric of [
      "helpdesk_queue_jobs",
      "helpdesk_job_duration_seconds",
      "helpdesk_jobs_completed_total",
      "helpdesk_dead_letters_total",
      "helpdesk_outbox_lag_seconds",
      "helpdesk_http_request_duration_seconds",
    ]) {
      expect(text).toContain(metric);
    }
  });
});
