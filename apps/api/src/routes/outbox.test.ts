import { afterAll, beforeAll, expect, test } from "bun:test";
import { env } from "@helpdesk/config/env";
import { notifications, outboxEvents } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { type PrivateValkey, startPrivateValkey } from "@helpdesk/valkey/testing/private-valkey";
import { eq } from "drizzle-orm";
import { startJobProcessing } from "../boot/jobs.ts";
import { createTestOrg } from "../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../testing/server.ts";

let redis: PrivateValkey;
let server: TestServer;

beforeAll(async () => {
  redis = await startPrivateValkey();
  server = await startTestServer({ VALKEY_URL: redis.url, QUEUE_PREFIX: uniquePrefix("outbox") });
  server.jobs.relay.start();
});
afterAll(async () => {
  await server.close();
  await redis.stop();
});

test("a ticket written while Valkey is down succeeds, and its job runs exactly once after Valkey is back", async () => {
  const org = await createTestOrg(server.db);
  await redis.stop("SIGKILL");

  const res = await server.request("POST", "/api/v1/tickets", {
    token: org.customer.token,
    body: { subject: "Written while the queue is down", body: "Still saved?" },
  });
  expect(res.status).toBe(201);
  // The organization is new: its only event is this ticket's creation.
  const eventOf = eq(outboxEvents.organizationId, org.id);
  // The relay tried and failed: the row waits, with the failure recorded.
  const pending = await waitFor("a failed relay attempt", async () =>
    (await server.db.select().from(outboxEvents).where(eventOf)).find((row) => row.relayAttempts > 0),
  );

  await redis.start();
  const completions: string[] = [];
  const pool = startJobProcessing(server.jobs, env());
  for (const worker of pool.workers) worker.on("completed", (job) => completions.push(job.id ?? ""));
  try {
    const jobId = jobIdFor(org.id, pending.id);
    await waitFor("the relayed job to complete", () => completions.includes(jobId), { timeoutMs: 20_000 });
    const rowOf = eq(outboxEvents.id, pending.id);
    const rowGone = async () => (await server.db.select().from(outboxEvents).where(rowOf)).length === 0;
    // The relay deletes the row once the job is added; the job may finish first.
    await waitFor("the relayed row to be deleted", rowGone);
    // As if the relay had died between adding the job and deleting the row, a minute ago: the sweep
    // relays it again, under the same job id, and BullMQ (which still holds the job) ignores the
    // duplicate.
    await server.db.insert(outboxEvents).values({ ...pending, createdAt: new Date(Date.now() - 60_000) });
    server.jobs.relay.kick();
    await waitFor("the row to be relayed again", rowGone);
    await waitFor("the queue to be idle", async () => {
      const counts = await server.jobs
        .queue("ticket-notifications")
        .getJobCounts("waiting", "active", "delayed");
      return Object.values(counts).every((n) => n === 0);
    });
    const job = await server.jobs.queue("ticket-notifications").getJob(jobId);
    expect(await job?.getState()).toBe("completed");
    expect(job?.attemptsMade).toBe(1); // one attempt, and it succeeded
    expect(completions.filter((id) => id === jobId)).toHaveLength(1);
    // The fan-out ran: each agent and admin of the organization has one notification of it.
    const rows = await server.db.select().from(notifications).where(eq(notifications.ticketId, res.body.id));
    expect(rows.map((r) => r.userId).sort()).toEqual([org.admin.id, org.agent.id, org.agent2.id].sort());
  } finally {
    await pool.close(2_000);
  }
});
