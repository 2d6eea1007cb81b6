import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  deadLetterJobs,
  devEmails,
  emailLog,
  notifications,
  organizations,
  type RetentionSettings,
  reportExports,
  ticketMessages,
  tickets,
} from "@helpdesk/db/schema";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Worker } from "bullmq";
import { eq, inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { DAY_MS } from "../../lib/durations.ts";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { captureLogs } from "../../testing/log-capture.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { ticketInStatus } from "../../testing/tickets.ts";
import { sweepRetention } from "./sweep-retention.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Every sweep here runs over the whole database, which other tests of this file fill too: each
// test asserts on its own organizations' rows, and on counts only as "at least".
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const sweep = (options: Partial<Parameters<typeof sweepRetention>[1]> = {}) =>
  sweepRetention(server.context(), { batchSize: 100, deleteExportFile: async () => {}, ...options });

async function orgWith(retention: RetentionSettings) {
  const org = await createTestOrg(server.db);
  await server.db.update(organizations).set({ retention }).where(eq(organizations.id, org.id));
  return org;
}

async function readNotification(org: TestOrg, readAt: Date | null, createdAt = new Date()) {
  const [row] = await server.db
    .insert(notifications)
    .values({
      organizationId: org.id,
      userId: org.agent.id,
      type: "ticket.created",
      eventIds: ["x"],
      readAt,
      createdAt,
    })
    .returning();
  return row?.id ?? "";
}

async function logEntry(organizationId: string | null, createdAt: Date) {
  const [row] = await server.db
    .insert(emailLog)
    .values({
      organizationId,
      jobId: crypto.randomUUID(),
      attempt: 1,
      template: "ticket-created",
      toAddress: "someone@example.test",
      subject: "x",
      status: "sent",
      transport: "dev",
      createdAt,
    })
    .returning();
  return row?.id ?? "";
}

async function closedTicket(org: TestOrg, closedAt: Date) {
  const ticket = await ticketInStatus(server, org, "closed");
  await server.db.update(tickets).set({ closedAt }).where(eq(tickets.id, ticket.id));
  return ticket.id;
}

async function exportRow(
  org: TestOrg,
  status: "ready" | "expired",
  expiresAt: Date,
  storageKey: string | null,
) {
  const [row] = await server.db
    .insert(reportExports)
    .values({
      organizationId: org.id,
      requesterId: org.agent.id,
      type: "tickets",
      status,
      params: { from: "2026-01-01", to: "2026-02-01", filters: {} },
      storageKey,
      expiresAt,
    })
    .returning();
  return row?.id ?? "";
}

const exportStatus = async (id: string) =>
  (await server.db.select().from(reportExports).where(eq(reportExports.id, id)))[0]?.status;

/** Which of `ids` are still in `table`, sorted. */
async function remaining(table: PgTable & { id: PgColumn }, ids: string[]) {
  const rows = await server.db.select({ id: table.id }).from(table).where(inArray(table.id, ids));
  return rows.map((row) => String(row.id)).sort();
}

test("each organization's rows go by its own settings, and only past their age", async () => {
  const strict = await orgWith({ closedTicketDays: 30, notificationDays: 10, emailLogDays: 20 });
  const keeping = await orgWith({ closedTicketDays: null, notificationDays: 90, emailLogDays: 90 });

  const strictOldRead = await readNotification(strict, daysAgo(15));
  const strictFreshRead = await readNotification(strict, daysAgo(5));
  const strictUnread = await readNotification(strict, null, daysAgo(200));
  const keepingRead15 = await readNotification(keeping, daysAgo(15));
  const keepingRead95 = await readNotification(keeping, daysAgo(95));

  const strictLog25 = await logEntry(strict.id, daysAgo(25));
  const strictLog5 = await logEntry(strict.id, daysAgo(5));
  const keepingLog25 = await logEntry(keeping.id, daysAgo(25));
  const keepingLog95 = await logEntry(keeping.id, daysAgo(95));
  const platformLog95 = await logEntry(null, daysAgo(95));

  const strictClosed40 = await closedTicket(strict, daysAgo(40));
  const strictClosed10 = await closedTicket(strict, daysAgo(10));
  const keepingClosed400 = await closedTicket(keeping, daysAgo(400));
  const [resolvedLongAgo] = await server.db
    .update(tickets)
    .set({ resolvedAt: daysAgo(400) })
    .where(eq(tickets.id, (await ticketInStatus(server, strict, "resolved")).id))
    .returning();
  // The deleted ticket's notification goes with it.
  const [ticketNote] = await server.db
    .insert(notifications)
    .values({
      organizationId: strict.id,
      userId: strict.agent.id,
      ticketId: strictClosed40,
      type: "x",
      eventIds: [],
    })
    .returning();

  await sweep();

  expect(
    await remaining(notifications, [
      strictOldRead,
      strictFreshRead,
      strictUnread,
      keepingRead15,
      keepingRead95,
    ]),
  ).toEqual([strictFreshRead, strictUnread, keepingRead15].sort());
  expect(
    await remaining(emailLog, [strictLog25, strictLog5, keepingLog25, keepingLog95, platformLog95]),
  ).toEqual([strictLog5, keepingLog25].sort());
  expect(
    await remaining(tickets, [strictClosed40, strictClosed10, keepingClosed400, resolvedLongAgo?.id ?? ""]),
  ).toEqual([strictClosed10, keepingClosed400, resolvedLongAgo?.id ?? ""].sort());
  // Deleted with everything of it: its messages and its notifications.
  expect(
    await server.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, strictClosed40)),
  ).toEqual([]);
  expect(await remaining(notifications, [ticketNote?.id ?? ""])).toEqual([]);
});

test("platform rows go after their fixed periods; a retried dead letter after 30 days", async () => {
  const org = await createTestOrg(server.db);
  const mail = async (createdAt: Date) => {
    const [row] = await server.db
      .insert(devEmails)
      .values({
        idempotencyKey: crypto.randomUUID(),
        fromAddress: "a@example.test",
        toAddress: "b@example.test",
        subject: "x",
        html: "x",
        text: "x",
        createdAt,
      })
      .returning();
    return row?.id ?? "";
  };
  const letter = async (failedAt: Date, retriedAt: Date | null) => {
    const [row] = await server.db
      .insert(deadLetterJobs)
      .values({
        queue: "email",
        jobName: "email.notify",
        jobId: crypto.randomUUID(),
        organizationId: org.id,
        payload: {},
        errorMessage: "x",
        attemptsMade: 1,
        failedAt,
        failureKey: failedAt.getTime(),
        retriedAt,
      })
      .returning();
    return row?.id ?? "";
  };
  const oldMail = await mail(daysAgo(91));
  const recentMail = await mail(daysAgo(10));
  const retriedLongAgo = await letter(daysAgo(40), daysAgo(31));
  const retriedRecently = await letter(daysAgo(40), daysAgo(10));
  const unretried40 = await letter(daysAgo(40), null);
  const unretried91 = await letter(daysAgo(91), null);

  await sweep();

  expect(await remaining(devEmails, [oldMail, recentMail])).toEqual([recentMail]);
  expect(
    await remaining(deadLetterJobs, [retriedLongAgo, retriedRecently, unretried40, unretried91]),
  ).toEqual([retriedRecently, unretried40].sort());
});

test("batches of 2 remove all 5 rows, and the run logs one line of its counts", async () => {
  const org = await orgWith({ closedTicketDays: null, notificationDays: 1, emailLogDays: 90 });
  const ids = [];
  for (let i = 0; i < 5; i += 1) ids.push(await readNotification(org, daysAgo(2 + i)));
  const { logger, lines } = captureLogs();

  const removed = await sweepRetention(
    { ...server.context(), log: logger },
    { batchSize: 2, deleteExportFile: async () => {} },
  );

  expect(await remaining(notifications, ids)).toEqual([]);
  expect(removed.readNotifications).toBeGreaterThanOrEqual(5);
  const logged = lines.filter((line) => String(line.msg).startsWith("retention sweep"));
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({ msg: "retention sweep", removed });
});

test("a sweep stopped mid-way ends between batches and logs what it had removed by then", async () => {
  const org = await orgWith({ closedTicketDays: null, notificationDays: 1, emailLogDays: 90 });
  const notes = [];
  for (let i = 0; i < 3; i += 1) notes.push(await readNotification(org, daysAgo(2 + i)));
  const exports = [];
  for (let i = 0; i < 3; i += 1)
    exports.push(await exportRow(org, "ready", daysAgo(1), `${org.id}/stop-${i}.csv`));
  const { logger, lines } = captureLogs();
  const stop = new AbortController();
  const deleted: string[] = [];

  await expect(
    sweepRetention(
      { ...server.context(), log: logger },
      {
        batchSize: 1,
        signal: stop.signal,
        // The job's timeout fires while the first batch of this organization's exports runs.
        deleteExportFile: async (key) => {
          if (!key.startsWith(`${org.id}/`)) return;
          deleted.push(key);
          if (deleted.length === 1) stop.abort(new Error("timed out"));
        },
      },
    ),
  ).rejects.toThrow("timed out");

  // That batch finished; no other began.
  expect(deleted).toHaveLength(1);
  const statuses = await Promise.all(exports.map(exportStatus));
  expect(statuses.toSorted()).toEqual(["expired", "ready", "ready"]);
  // What ran before it ran to the end.
  expect(await remaining(notifications, notes)).toEqual([]);

  const logged = lines.filter((line) => String(line.msg).startsWith("retention sweep"));
  expect(logged.map((line) => line.msg)).toEqual(["retention sweep stopped"]);
  const removed = logged[0]?.removed as Record<string, number>;
  expect(removed.readNotifications).toBeGreaterThanOrEqual(3);
  expect(removed.expiredExports).toBeGreaterThanOrEqual(1);
  // Nothing after the stop: the rest of the exports' sweep and BullMQ's clean never ran.
  expect(removed).toMatchObject({ exportRows: 0, completedJobs: 0, failedJobs: 0 });
});

test("expired exports lose their file, then their row 30 days later", async () => {
  const org = await createTestOrg(server.db);
  const due = await exportRow(org, "ready", daysAgo(1), `${org.id}/due.csv`);
  const stuck = await exportRow(org, "ready", daysAgo(1), `${org.id}/stuck.csv`);
  const notYet = await exportRow(org, "ready", daysAgo(-1), `${org.id}/later.csv`);
  const expiredLongAgo = await exportRow(org, "expired", daysAgo(31), null);
  const expiredRecently = await exportRow(org, "expired", daysAgo(10), null);

  const deleted: string[] = [];
  const removed = await sweep({
    batchSize: 1,
    deleteExportFile: async (key) => {
      if (key === `${org.id}/stuck.csv`) throw new Error("storage said no");
      if (key.startsWith(`${org.id}/`)) deleted.push(key);
    },
  });
  expect(deleted).toEqual([`${org.id}/due.csv`]);
  expect(removed.expiredExports).toBeGreaterThanOrEqual(1);
  expect(await exportStatus(due)).toBe("expired");
  // Rows expired 30 days ago go; younger expired rows stay.
  expect(await remaining(reportExports, [expiredLongAgo, expiredRecently])).toEqual([expiredRecently]);
  // Its file could not be deleted: tried again next time.
  expect(await exportStatus(stuck)).toBe("ready");
  expect(await exportStatus(notYet)).toBe("ready");
});

test("BullMQ's finished jobs past their queue's retention are cleaned", async () => {
  const queue = server.jobs.queue("cleanup");
  const connection = createValkeyConnection(server.jobs.valkeyUrl, {
    name: "helpdesk:test-worker",
    maxRetriesPerRequest: null,
  });
  const worker = new Worker("cleanup", null, { connection, prefix: server.jobs.prefix });
  const finish = async (outcome: "completed" | "failed") => {
    const added = await queue.add("cleanup.sweep", { batchSize: 1 }, { attempts: 1 });
    const token = crypto.randomUUID();
    const job = await worker.getNextJob(token);
    if (job?.id !== added.id) throw new Error("another job came up in the cleanup queue");
    if (outcome === "completed") await job.moveToCompleted("done", token, false);
    else await job.moveToFailed(new Error("failed on purpose"), token);
    return added.id ?? "";
  };
  try {
    const oldCompleted = await finish("completed");
    const recentCompleted = await finish("completed");
    const oldFailed = await finish("failed");
    const recentFailed = await finish("failed");
    // Finished 8 days ago, as BullMQ counts it: the finished sets' scores.
    const eightDaysAgo = daysAgo(8).getTime();
    await connection.zadd(queue.keys.completed ?? "", "XX", eightDaysAgo, oldCompleted);
    await connection.zadd(queue.keys.failed ?? "", "XX", eightDaysAgo, oldFailed);

    const removed = await sweep({ batchSize: 1 });

    expect(removed.completedJobs).toBeGreaterThanOrEqual(1);
    expect(removed.failedJobs).toBeGreaterThanOrEqual(1);
    expect(await queue.getJob(oldCompleted)).toBeUndefined();
    expect(await queue.getJob(oldFailed)).toBeUndefined();
    expect(await queue.getJob(recentCompleted)).toBeDefined();
    expect(await queue.getJob(recentFailed)).toBeDefined();
  } finally {
    await worker.close();
    await connection.quit();
  }
});
