import { afterAll, beforeAll, expect, test } from "bun:test";
import { deadLetterJobs, notifications } from "@helpdesk/db/schema";
import { eq, inArray } from "drizzle-orm";
import { createTestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { sweepRetention } from "./sweep-retention.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

test("the sweep deletes only expired rows, in batches, and says how many", async () => {
  const org = await createTestOrg(server.db);
  const { db } = server;
  const note = (readAt: Date | null) => ({
    organizationId: org.id,
    userId: org.agent.id,
    type: "ticket.created",
    eventIds: ["x"],
    readAt,
  });
  const oldNotes = await db
    .insert(notifications)
    .values([note(daysAgo(91)), note(daysAgo(95)), note(daysAgo(120))])
    .returning();
  const [recentlyRead] = await db
    .insert(notifications)
    .values(note(daysAgo(2)))
    .returning();
  const [unreadOld] = await db
    .insert(notifications)
    .values({ ...note(null), createdAt: daysAgo(200) })
    .returning();
  const letter = (failedAt: Date) => ({
    queue: "email",
    jobName: "email.notify",
    jobId: crypto.randomUUID(),
    organizationId: org.id,
    payload: {},
    errorMessage: "x",
    attemptsMade: 1,
    failedAt,
    failureKey: failedAt.getTime(),
  });
  const [oldLetter] = await db
    .insert(deadLetterJobs)
    .values(letter(daysAgo(91)))
    .returning();
  const [recentLetter] = await db
    .insert(deadLetterJobs)
    .values(letter(daysAgo(3)))
    .returning();

  // Batches of 2: three expired notifications take two batches.
  const deleted = await sweepRetention(server.context(), 2);
  expect(deleted.notifications).toBeGreaterThanOrEqual(3);
  expect(
    await db
      .select()
      .from(notifications)
      .where(
        inArray(
          notifications.id,
          oldNotes.map((row) => row.id),
        ),
      ),
  ).toEqual([]);
  expect(
    await db
      .select()
      .from(notifications)
      .where(eq(notifications.id, recentlyRead?.id ?? "")),
  ).toHaveLength(1);
  expect(
    await db
      .select()
      .from(notifications)
      .where(eq(notifications.id, unreadOld?.id ?? "")),
  ).toHaveLength(1);
  expect(
    await db
      .select()
      .from(deadLetterJobs)
      .where(eq(deadLetterJobs.id, oldLetter?.id ?? "")),
  ).toEqual([]);
  expect(
    await db
      .select()
      .from(deadLetterJobs)
      .where(eq(deadLetterJobs.id, recentLetter?.id ?? "")),
  ).toHaveLength(1);
});
