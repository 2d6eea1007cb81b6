import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { uniquePrefix } from "@helpdesk/jobs/testing/wait-for";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { type Job, Worker } from "bullmq";
import { createTestOrg } from "../../testing/fixtures.ts";
import { startTestServer, type TestServer } from "../../testing/server.ts";
import { openTicket } from "../../testing/tickets.ts";
import type { EmailContext, EmailSettings } from "./email-context.ts";
import { type MessageEmailTarget, messageEmailWaitKey } from "./message-email-wait-key.ts";
import { CLOCK_MARGIN_MS, MessageEmailWaits } from "./message-email-waits.ts";
import { queueMessageEmail } from "./queue-message-email.ts";
import { messageEmailDueAt, waitForQuietTicket } from "./wait-for-quiet-ticket.ts";

const pacing = { debounceMs: 60_000, maxWaitMs: 600_000 };
const queuedAt = 1_000_000;

test.each([
  ["a quiet ticket: due a window after its latest message", queuedAt - 5_000, queuedAt + 55_000],
  ["a message since it was queued pushes it back", queuedAt + 30_000, queuedAt + 90_000],
  ["a burst that never stops: due at the cap", queuedAt + 599_000, queuedAt + 600_000],
  ["no message visible to the recipient: due as queued", undefined, queuedAt],
])("%s", (_case, latestMessageAt, due) => {
  expect(messageEmailDueAt(latestMessageAt, queuedAt, pacing)).toBe(due);
});

describe("asking for the wait (real Valkey)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ QUEUE_PREFIX: uniquePrefix("message-waits") }, { realtime: false });
  });
  afterAll(() => server.close());

  /** A worker process's view: the queues, the pacing, and its own memory of pending waits. */
  const processWith = (email: Partial<EmailSettings> = {}) => ({
    jobs: server.jobs,
    email: { ...({} as EmailSettings), ...pacing, ...email },
    messageEmailWaits: new MessageEmailWaits(),
  });
  const target = (): MessageEmailTarget => ({
    organizationId: crypto.randomUUID(),
    ticketId: crypto.randomUUID(),
    recipientId: crypto.randomUUID(),
  });
  const waitsFor = async (of: MessageEmailTarget) => {
    const jobs = await server.jobs.queue("ticket-notifications").getJobs(["delayed", "waiting", "active"]);
    return jobs.filter(
      (job) => job.name === "ticket.message-email-wait" && job.data.ticketId === of.ticketId,
    );
  };

  test("the first reply queues the wait; the burst's later ones skip the add while it cannot finish", async () => {
    const worker = processWith();
    const pair = target();
    expect(await queueMessageEmail(worker, pair, Date.now())).toBe("queued");
    const [wait, ...more] = await waitsFor(pair);
    expect(more).toEqual([]);
    expect(await wait?.getState()).toBe("delayed");
    expect(wait?.opts.deduplication?.id).toBe(messageEmailWaitKey(pair));
    expect(await queueMessageEmail(worker, pair, Date.now())).toBe("known pending");
    expect(await queueMessageEmail(worker, pair, Date.now())).toBe("known pending");
    expect((await waitsFor(pair)).map((job) => job.id)).toEqual([wait?.id]);
  });

  test("another process, which did not queue it, finds the wait through its deduplication id", async () => {
    const pair = target();
    await queueMessageEmail(processWith(), pair, Date.now());
    const other = processWith();
    expect(await queueMessageEmail(other, pair, Date.now())).toBe("found pending");
    // A wait found pending was queued elsewhere, at a time not known here: it is not remembered.
    expect(await queueMessageEmail(other, pair, Date.now())).toBe("found pending");
    expect(await waitsFor(pair)).toHaveLength(1);
  });

  test("a reply already a window old when its fan-out runs (a backlog) is not remembered", async () => {
    const worker = processWith();
    const pair = target();
    expect(await queueMessageEmail(worker, pair, Date.now() - pacing.debounceMs)).toBe("queued");
    expect(worker.messageEmailWaits.covers(messageEmailWaitKey(pair))).toBe(false);
    expect(await queueMessageEmail(worker, pair, Date.now())).toBe("found pending");
  });

  test("a wait already running is found pending, not remembered (keepLastIfActive keeps the add for later)", async () => {
    const pair = target();
    await queueMessageEmail(processWith(), pair, Date.now());
    const [wait] = await waitsFor(pair);
    await wait?.promote();
    const connection = createValkeyConnection(server.jobs.valkeyUrl, {
      name: "helpdesk:test-worker",
      maxRetriesPerRequest: null,
    });
    const worker = new Worker("ticket-notifications", null, { connection, prefix: server.jobs.prefix });
    try {
      // Other tests' fan-out jobs may be waiting ahead of it (no workers run here): taken and left.
      const token = crypto.randomUUID();
      let running: Job | undefined;
      for (let taken = 0; taken < 100 && running?.id !== wait?.id; taken++) {
        running = await worker.getNextJob(token);
      }
      expect(running?.id).toBe(wait?.id);
      const other = processWith();
      expect(await queueMessageEmail(other, pair, Date.now())).toBe("found pending");
      expect(other.messageEmailWaits.covers(messageEmailWaitKey(pair))).toBe(false);
    } finally {
      await worker.close();
      await connection.quit();
    }
  });

  describe("the wait's handler", () => {
    /** A reply by the customer on a new ticket of a fresh organization; the agent is the recipient. */
    async function repliedTicket() {
      const org = await createTestOrg(server.db);
      const ticket = await openTicket(server, org);
      const reply = await server.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
        token: org.customer.token,
        body: { body: "any news?" },
      });
      expect(reply.status).toBe(201);
      return { organizationId: org.id, ticketId: ticket.id, recipientId: org.agent.id };
    }
    const run = (queuedAt: number) => {
      const delays: number[] = [];
      return {
        delays,
        job: { timestamp: queuedAt, log: async () => 0 } as unknown as Job,
        delayUntil: async (due: number) => {
          delays.push(due);
          return new Error("delayed");
        },
      };
    };
    const handlerContext = () => ({ ...processWith(), db: server.db, log: server.jobs.log }) as EmailContext;

    test("not quiet yet: it delays itself, and this process skips adds until then", async () => {
      const pair = await repliedTicket();
      const ctx = handlerContext();
      const wait = run(Date.now());
      await expect(waitForQuietTicket(ctx, pair, wait)).rejects.toThrow("delayed");
      const [due] = wait.delays;
      expect(due).toBeGreaterThan(Date.now() + pacing.debounceMs - 5_000);
      expect(ctx.messageEmailWaits.covers(messageEmailWaitKey(pair), (due ?? 0) - CLOCK_MARGIN_MS - 1)).toBe(
        true,
      );
      expect(await queueMessageEmail(ctx, pair, Date.now())).toBe("known pending");
    });

    test("quiet: it queues the e-mail and forgets the wait", async () => {
      const pair = await repliedTicket();
      const ctx = handlerContext();
      ctx.messageEmailWaits.pendingUntil(messageEmailWaitKey(pair), Date.now() + 60_000);
      // Queued a whole burst cap ago: due now, however fresh the reply.
      const wait = run(Date.now() - pacing.maxWaitMs);
      expect(await waitForQuietTicket(ctx, pair, wait)).toEqual({ queued: true });
      expect(wait.delays).toEqual([]);
      expect(ctx.messageEmailWaits.covers(messageEmailWaitKey(pair))).toBe(false);
      const emails = await server.jobs.queue("email").getJobs(["waiting", "delayed", "prioritized"]);
      expect(emails.filter((job) => job.data.ticketId === pair.ticketId).map((job) => job.name)).toEqual([
        "email.ticket-messages",
      ]);
    });
  });

  test("a burst cap shorter than the clock margin leaves nothing to remember", async () => {
    const worker = processWith({ maxWaitMs: CLOCK_MARGIN_MS });
    const pair = target();
    expect(await queueMessageEmail(worker, pair, Date.now())).toBe("queued");
    expect(worker.messageEmailWaits.covers(messageEmailWaitKey(pair))).toBe(false);
  });
});
