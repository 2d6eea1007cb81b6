import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { deadLetterJobs, emailLog } from "@helpdesk/db/schema";
import { type ResendStandIn, startResendStandIn } from "@helpdesk/email/testing/resend-stand-in";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { closeValkey, createValkeyConnection } from "@helpdesk/valkey/connection";
import { and, asc, eq } from "drizzle-orm";
import { createTestOrg, type TestOrg } from "../../testing/fixtures.ts";
import { startTestServerWithWorkers, type TestServer } from "../../testing/server.ts";
import { messageEmailWaitKey } from "./message-email-wait-key.ts";
import { CLOCK_MARGIN_MS } from "./message-email-waits.ts";

/**
 * The worker skips the adds of a burst's later replies until a second (CLOCK_MARGIN_MS) before the
 * wait could first finish: 4 s leaves them 3 s to be fanned out, even on a slow CI machine.
 */
const debounceMs = 4_000;
let resend: ResendStandIn;
let server: TestServer;

beforeAll(async () => {
  resend = startResendStandIn({ apiKey: "re_test_key" });
  server = await startTestServerWithWorkers({
    QUEUE_PREFIX: uniquePrefix("email"),
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: resend.url,
    EMAIL_DEBOUNCE_MS: debounceMs,
    EMAIL_RATE_LIMIT_PER_SECOND: 100,
  });
});
afterAll(async () => {
  await server.close();
  await resend.close();
});

const deliveredTo = (address: string) =>
  resend.delivered.filter(
    (email) => email.to === address || (Array.isArray(email.to) && email.to.includes(address)),
  );
const logOf = (organizationId: string) =>
  server.db
    .select()
    .from(emailLog)
    .where(eq(emailLog.organizationId, organizationId))
    .orderBy(asc(emailLog.createdAt));

/** An agent opens a ticket for the customer: the one e-mail it causes is the customer's confirmation. */
async function openTicketFor(org: TestOrg, subject = "Refund please") {
  const res = await server.request("POST", "/api/v1/tickets", {
    token: org.agent.token,
    body: { subject, body: "Opened on the phone", customerId: org.customer.id },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: number };
}

/** Waits until the e-mail job of this organization has finished, however it ended. */
async function emailJobSettled(org: TestOrg) {
  return waitFor("the e-mail job to settle", async () => {
    const queue = server.jobs.queue("email");
    const jobs = await queue.getJobs(["completed", "failed"]);
    return jobs.find((job) => job.data.organizationId === org.id);
  });
}

describe("sending through Resend (the real SDK against a local stand-in)", () => {
  test("a 429 is waited out (retry-after), then the e-mail is sent exactly once", async () => {
    const org = await createTestOrg(server.db);
    resend.respondWith({
      status: 429,
      headers: { "retry-after": "1" },
      body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
    });
    const ticket = await openTicketFor(org);
    const [email] = await waitFor("the confirmation", () => {
      const found = deliveredTo(org.customer.email);
      return found.length ? found : undefined;
    });
    expect(email?.subject).toBe(`We received your request #${ticket.number}`);
    const job = await emailJobSettled(org);
    expect(await job.getState()).toBe("completed");
    expect(deliveredTo(org.customer.email)).toHaveLength(1);
    const attempts = resend.requests.filter((r) => r.idempotencyKey === `email-${job.id}`);
    expect(attempts).toHaveLength(2);
    expect((await logOf(org.id)).map((row) => row.status)).toEqual(["rate_limited", "sent"]);
  });

  test("two 500s are retried with backoff, and one e-mail is sent", async () => {
    const org = await createTestOrg(server.db);
    resend.respondWith({ status: 500 }, { status: 500 });
    await openTicketFor(org);
    await waitFor("the confirmation", () => deliveredTo(org.customer.email).length === 1, {
      timeoutMs: 20_000,
    });
    const job = await emailJobSettled(org);
    expect(await job.getState()).toBe("completed");
    expect(job.attemptsMade).toBe(3);
    expect((await logOf(org.id)).map((row) => row.status)).toEqual(["failed", "failed", "sent"]);
    expect(deliveredTo(org.customer.email)).toHaveLength(1);
  });

  test("a 422 is permanent: one attempt, one dead letter, nothing sent", async () => {
    const org = await createTestOrg(server.db);
    resend.respondWith({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" },
    });
    await openTicketFor(org);
    const job = await emailJobSettled(org);
    expect(await job.getState()).toBe("failed");
    expect(job.attemptsMade).toBe(1);
    const rows = await waitFor("the dead letter", async () => {
      const found = await server.db
        .select()
        .from(deadLetterJobs)
        .where(eq(deadLetterJobs.jobId, job.id ?? ""));
      return found.length ? found : undefined;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.errorMessage).toContain("Invalid `to` field");
    expect((await logOf(org.id)).map((row) => row.status)).toEqual(["rejected"]);
    expect(deliveredTo(org.customer.email)).toHaveLength(0);
  });

  test("the customer's locale picks the language: French", async () => {
    const org = await createTestOrg(server.db);
    const french = await org.addUser("customer", { locale: "fr", name: "Chloé" });
    const res = await server.request("POST", "/api/v1/tickets", {
      token: org.agent.token,
      body: { subject: "Facture", body: "Bonjour", customerId: french.id },
    });
    const [email] = await waitFor("the French confirmation", () => {
      const found = deliveredTo(french.email);
      return found.length ? found : undefined;
    });
    expect(email?.subject).toBe(`Nous avons bien reçu votre demande #${res.body.number}`);
    expect(email?.text).toContain("Gérer les préférences de notification");
  });
});

describe("who gets which e-mail", () => {
  test("a customer who opens a ticket gets the confirmation e-mail, but no in-app notification of it", async () => {
    const org = await createTestOrg(server.db);
    const res = await server.request("POST", "/api/v1/tickets", {
      token: org.customer.token,
      body: { subject: "Self-service", body: "Hello" },
    });
    const [email] = await waitFor("the receipt", () => {
      const found = deliveredTo(org.customer.email);
      return found.length ? found : undefined;
    });
    expect(email?.subject).toBe(`We received your request #${res.body.number}`);
    const inApp = await server.request("GET", "/api/v1/notifications", { token: org.customer.token });
    expect(inApp.body.data).toEqual([]);
    // Agents hear of it in-app, but are not e-mailed every new ticket by default: once the fan-out
    // is done, there is no e-mail job for them.
    await waitFor("the fan-out to complete", async () => {
      const done = await server.jobs.queue("ticket-notifications").getJobs(["completed"]);
      return done.some((job) => job.data.ticketId === res.body.id);
    });
    const emailJobs = await server.jobs
      .queue("email")
      .getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    const recipients = emailJobs
      .filter((job) => job.data.ticketId === res.body.id)
      .map((job) => job.data.recipientId);
    expect(recipients).toEqual([org.customer.id]);
  });
});

describe("debounced message e-mails", () => {
  async function assignedToAgent(org: TestOrg) {
    const ticket = await openTicketFor(org, "Burst");
    await server.request("PATCH", `/api/v1/tickets/${ticket.id}`, {
      token: org.admin.token,
      body: { assigneeId: org.agent.id },
    });
    await waitFor("the assignment e-mail", () => deliveredTo(org.agent.email).length === 1);
    return ticket;
  }

  const waits = () => server.jobs.queue("ticket-notifications");
  const pendingWait = (ticketId: string, recipientId: string) =>
    waits().getDeduplicationJobId(messageEmailWaitKey({ ticketId, recipientId }));

  /** The queue's events (BullMQ's stream), each as its fields. */
  async function queueEvents(queueName: string) {
    const valkey = createValkeyConnection(server.jobs.valkeyUrl, { name: "helpdesk:test-events" });
    try {
      const entries = await valkey.xrange(`${server.jobs.prefix}:${queueName}:events`, "-", "+");
      return entries.map(([, fields]) => {
        const event: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i] as string] = fields[i + 1] as string;
        return event;
      });
    } finally {
      await closeValkey(valkey);
    }
  }

  /** Nothing for this pair is pending any more: the wait and the e-mail have run, nothing follows. */
  async function burstSettled(ticketId: string, recipientId: string) {
    await waitFor("the debounced e-mail to be sent", async () => {
      if (await pendingWait(ticketId, recipientId)) return false;
      const open = [
        ...(await waits().getJobs(["waiting", "delayed", "active"])),
        ...(await server.jobs.queue("email").getJobs(["waiting", "delayed", "active"])),
      ];
      return !open.some((job) => job.data.ticketId === ticketId);
    });
  }

  test("three replies in a burst become one e-mail listing all three", async () => {
    const org = await createTestOrg(server.db);
    const ticket = await assignedToAgent(org);
    const reply = (body: string) =>
      server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
        token: org.customer.token,
        body: { body },
      });
    await reply("first reply");
    // The first reply's fan-out queues the wait; the worker pool that queued it (this server runs
    // one) remembers it, so the rest of the burst skips the add (MessageEmailWaits): those replies
    // must still be listed in the e-mail.
    const waitId = await waitFor("the pending wait", () => pendingWait(ticket.id, org.agent.id));
    await reply("second reply");
    await reply("third reply");
    const fannedOut = await waitFor("the three replies fanned out", async () => {
      const done = (await waits().getJobs(["completed"])).filter(
        (job) => job.data.ticketId === ticket.id && job.data.type === "message.added",
      );
      return done.length === 3 ? done : undefined;
    });
    // The skip holds until a clock margin before the wait could first finish: a machine too slow to
    // fan the burst out within that window fails here, not as a product bug below.
    const skipUntil =
      Math.min(...fannedOut.map((job) => Date.parse(job.data.occurredAt))) + debounceMs - CLOCK_MARGIN_MS;
    expect(Math.max(...fannedOut.map((job) => job.finishedOn ?? Number.POSITIVE_INFINITY))).toBeLessThan(
      skipUntil,
    );
    // An add that found the wait would have left a "deduplicated" event under its id; the wait's
    // own "delayed" event shows the stream is the one the adds write to.
    const events = await queueEvents("ticket-notifications");
    expect(events.some((event) => event.event === "delayed" && event.jobId === waitId)).toBe(true);
    const deduplicationId = messageEmailWaitKey({ ticketId: ticket.id, recipientId: org.agent.id });
    expect(
      events.filter((event) => event.event === "deduplicated" && event.deduplicationId === deduplicationId),
    ).toEqual([]);
    // Due now rather than at the end of the debounce: it finds the third reply fresh, so it must wait on.
    await (await waits().getJob(waitId))?.promote();
    await waitFor("the message e-mail", () => deliveredTo(org.agent.email).length === 2, {
      timeoutMs: 15_000,
    });
    await burstSettled(ticket.id, org.agent.id);
    const { logs } = await waits().getJobLogs(waitId);
    expect(logs.some((line) => line.startsWith("the ticket is not quiet yet"))).toBe(true);
    const mails = deliveredTo(org.agent.email);
    expect(mails).toHaveLength(2);
    const digest = mails[1];
    expect(digest?.subject).toBe(`3 new messages on ticket #${ticket.number}: Burst`);
    for (const body of ["first reply", "second reply", "third reply"]) expect(digest?.text).toContain(body);
  });

  test("with message e-mails turned off: the in-app notification, and no e-mail job", async () => {
    const org = await createTestOrg(server.db);
    const ticket = await assignedToAgent(org);
    const off = await server.request("PUT", "/api/v1/me/notification-preferences", {
      token: org.agent.token,
      body: { preferences: [{ type: "message.added", email: false }] },
    });
    expect(off.status).toBe(200);
    await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
      token: org.customer.token,
      body: { body: "hello?" },
    });
    const notification = await waitFor("the in-app notification", async () => {
      const res = await server.request("GET", "/api/v1/notifications", { token: org.agent.token });
      return res.body.data.find(
        (n: { type: string; ticketId: string }) => n.type === "message.added" && n.ticketId === ticket.id,
      );
    });
    expect(notification.count).toBe(1);
    // The fan-out that made the notification is done: had it queued an e-mail, it would be here.
    await waitFor("the fan-out to complete", async () => {
      const jobs = await server.jobs.queue("ticket-notifications").getJobs(["waiting", "active"]);
      return !jobs.some((job) => job.data.ticketId === ticket.id);
    });
    const states = ["waiting", "delayed", "active", "completed"] as const;
    const jobs = [
      ...(await server.jobs.queue("email").getJobs([...states])),
      ...(await waits().getJobs([...states])),
    ];
    const messageEmails = ["email.ticket-messages", "ticket.message-email-wait"];
    expect(jobs.filter((job) => messageEmails.includes(job.name) && job.data.ticketId === ticket.id)).toEqual(
      [],
    );
    expect(deliveredTo(org.agent.email)).toHaveLength(1); // the assignment e-mail only
  });
});

describe("the email log", () => {
  test("records provider ids of sent e-mails", async () => {
    const org = await createTestOrg(server.db);
    await openTicketFor(org);
    const [row] = await waitFor("the log row", async () => {
      const rows = await server.db
        .select()
        .from(emailLog)
        .where(and(eq(emailLog.organizationId, org.id), eq(emailLog.status, "sent")));
      return rows.length ? rows : undefined;
    });
    expect(row?.transport).toBe("resend");
    expect(resend.delivered.map((email) => email.id)).toContain(row?.providerMessageId ?? "");
  });
});
