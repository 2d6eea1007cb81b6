import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { accountTokens, outboxEvents } from "@helpdesk/db/schema";
import { createDevOutboxTransport } from "@helpdesk/email/dev-outbox-transport";
import { uniquePrefix, waitFor } from "@helpdesk/jobs/testing/wait-for";
import { count, eq } from "drizzle-orm";
import { hashAccountToken } from "../auth/account-tokens.ts";
import { PASSWORD_RESETS_PER_ACCOUNT } from "../auth/limits.ts";
import { sendAccountEmail } from "../services/accounts/send-account-email.ts";
import { MessageEmailWaits } from "../services/email/message-email-waits.ts";
import { accountEmailJobsDone, awaitAccountLink, devEmailsTo } from "../testing/account-emails.ts";
import { createTestOrg, TEST_PASSWORD, type TestOrg } from "../testing/fixtures.ts";
import { startTestServer, startTestServerWithWorkers, type TestServer } from "../testing/server.ts";

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServerWithWorkers({
    PUBLIC_URL: "https://helpdesk.example.test",
    EMAIL_RATE_LIMIT_PER_SECOND: 100,
  });
  org = await createTestOrg(server.db, "Reset Org");
});
afterAll(() => server.close());

const NEW_PASSWORD = "a brand new passphrase";

const requestReset = (email: string, organizationSlug = org.slug, on = server) =>
  on.request("POST", "/api/v1/auth/password-reset", { body: { organizationSlug, email } });
const confirm = (token: string, password = NEW_PASSWORD) =>
  server.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password } });
const logIn = (email: string, password: string) =>
  server.request("POST", "/api/v1/auth/login", { body: { organizationSlug: org.slug, email, password } });
/** This organization's account-link rows only: nothing done for another organization moves the count. */
const tokenRowCount = async () =>
  (
    await server.db.select({ n: count() }).from(accountTokens).where(eq(accountTokens.organizationId, org.id))
  )[0]?.n;

/**
 * Until the relay has moved every outbox row of the organization and the e-mail queue has nothing
 * waiting, running or delayed: only then does "no e-mail" mean none will come.
 */
async function emailsSettled() {
  await waitFor("the outbox relayed and the e-mail queue drained", async () => {
    const [outbox] = await server.db
      .select({ n: count() })
      .from(outboxEvents)
      .where(eq(outboxEvents.organizationId, org.id));
    if ((outbox?.n ?? 0) > 0) return false;
    const counts = await server.jobs
      .queue("email")
      .getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
    return Object.values(counts).every((n) => n === 0);
  });
}

describe("asking for a reset", () => {
  test("a known e-mail: 202, and one e-mail whose link is PUBLIC_URL/reset-password?token=…", async () => {
    const user = await org.addUser("agent");
    const res = await requestReset(user.email.toUpperCase());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "accepted" });
    const { email, url, token } = await awaitAccountLink(server, user.email);
    expect(url.startsWith("https://helpdesk.example.test/reset-password?token=")).toBe(true);
    expect(email.subject).toBe("Reset your Helpdesk password for Reset Org");
    const [job] = await accountEmailJobsDone(server, user.id);
    expect(await job?.getState()).toBe("completed");
    expect(await devEmailsTo(server, user.email)).toHaveLength(1);

    // Stored hashed, and the job names the row, never the token.
    const rows = await server.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashAccountToken(token));
    expect(rows[0]?.purpose).toBe("password_reset");
    const validFor = (rows[0]?.expiresAt.getTime() ?? 0) - (rows[0]?.createdAt.getTime() ?? 0);
    expect(Math.abs(validFor - 60 * 60_000)).toBeLessThan(60_000);
    expect(job?.data).toEqual({
      organizationId: org.id,
      userId: user.id,
      tokenId: rows[0]?.id,
      purpose: "password_reset",
    });
    expect(JSON.stringify(job?.data)).not.toContain(token);
  });

  test("a retried job sends the same e-mail once", async () => {
    const user = await org.addUser("agent");
    await requestReset(user.email);
    const first = await awaitAccountLink(server, user.email);
    const [job] = await accountEmailJobsDone(server, user.id);
    if (!job) throw new Error("no job");
    const ctx = {
      ...server.context(),
      email: {
        transport: createDevOutboxTransport(server.db),
        from: server.config.EMAIL_FROM,
        appUrl: server.config.APP_URL,
        publicUrl: server.config.PUBLIC_URL,
        accountTokenSecret: server.config.JWT_SECRET,
        debounceMs: 0,
        maxWaitMs: 0,
      },
      messageEmailWaits: new MessageEmailWaits(),
    };
    await sendAccountEmail(ctx, job.data, job);
    const emails = await devEmailsTo(server, user.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain(first.url);
  });

  test("an unknown e-mail, or organization: the same 202, and nothing written or sent", async () => {
    const tokensBefore = await tokenRowCount();
    const unknown = `nobody-${crypto.randomUUID().slice(0, 8)}@reset.test`;
    const answers = [await requestReset(unknown), await requestReset(org.admin.email, "no-such-org")];
    for (const res of answers) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: "accepted" });
    }
    // The job's outbox row is written only from the token row the same statement wrote.
    expect(await tokenRowCount()).toBe(tokensBefore);
    await emailsSettled();
    expect(await devEmailsTo(server, unknown)).toHaveLength(0);
    expect(await devEmailsTo(server, org.admin.email)).toHaveLength(0);
  });

  test("a deactivated user is sent nothing", async () => {
    const user = await org.addUser("agent", { active: false });
    const tokensBefore = await tokenRowCount();
    expect((await requestReset(user.email)).status).toBe(202);
    expect(await tokenRowCount()).toBe(tokensBefore);
    await emailsSettled();
    expect(await devEmailsTo(server, user.email)).toHaveLength(0);
  });

  test("known and unknown e-mails take alike time", async () => {
    const rounds = 51;
    const known = await Promise.all(Array.from({ length: rounds + 1 }, () => org.addUser("customer")));
    const unknown = () => `nobody-${crypto.randomUUID().slice(0, 8)}@reset.test`;
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await requestReset(email);
      expect(res.status).toBe(202);
      return performance.now() - started;
    };
    // Warm both paths (prepared statement, connections) before measuring.
    await timed(unknown());
    await timed(known[0]?.email ?? "");
    const differences: number[] = [];
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (const [i, user] of known.slice(1).entries()) {
      // Each round a pair, adjacent in time, so a slow moment of the machine falls on both; the
      // order alternates, so what one request leaves running (the relay, the e-mail job) falls on
      // either kind alike.
      let knownTime: number;
      let unknownTime: number;
      if (i % 2 === 0) {
        knownTime = await timed(user.email);
        unknownTime = await timed(unknown());
      } else {
        unknownTime = await timed(unknown());
        knownTime = await timed(user.email);
      }
      differences.push(knownTime - unknownTime);
      knownTimes.push(knownTime);
      unknownTimes.push(unknownTime);
    }
    const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    // The known path writes two rows, a fraction of a millisecond. An enumeration leak costs far
    // more than this bound: an Argon2 hash, or an e-mail rendered and sent, on one side only. The
    // share of the faster side's typical request (which a leak can't inflate) keeps a loaded
    // machine, where everything is slower, from failing.
    const typical = Math.min(median(knownTimes), median(unknownTimes));
    expect(Math.abs(median(differences))).toBeLessThan(3 + 0.25 * typical);
  });
});

describe("confirming", () => {
  test("the link sets the password once: the new one logs in, the old one no longer does", async () => {
    const user = await org.addUser("agent");
    await requestReset(user.email);
    const { token } = await awaitAccountLink(server, user.email);
    const res = await confirm(token);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(401);

    const again = await confirm(token, "yet another passphrase");
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("invalid_token");
    expect((await logIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  test("an expired link is refused", async () => {
    const user = await org.addUser("agent");
    await requestReset(user.email);
    const { token } = await awaitAccountLink(server, user.email);
    await server.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(accountTokens.tokenHash, hashAccountToken(token)));
    const res = await confirm(token);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_token",
      message: expect.stringContaining("expired"),
    });
    expect((await logIn(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  test("a forged token is refused with a clear error", async () => {
    for (const token of [
      "forged",
      Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
    ]) {
      const res = await confirm(token);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_token");
      expect(res.body.error.message).toBe(
        "This link is invalid, has expired or has already been used; ask for a new one",
      );
    }
  });

  test("the user's other links stop working once one is used", async () => {
    const user = await org.addUser("agent");
    await requestReset(user.email);
    await requestReset(user.email);
    const jobs = await accountEmailJobsDone(server, user.id, 2);
    expect(jobs).toHaveLength(2);
    const emails = await devEmailsTo(server, user.email);
    expect(emails).toHaveLength(2);
    const [older, newer] = emails.map((email) => email.text.match(/token=([\w-]+)/)?.[1] ?? "");
    expect(older).not.toBe(newer);
    expect((await confirm(newer ?? "")).status).toBe(204);
    const res = await confirm(older ?? "", "yet another passphrase");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_token");
  });

  test("the new password goes through the password policy, and a refused one leaves the link usable", async () => {
    const user = await org.addUser("agent");
    await requestReset(user.email);
    const { token } = await awaitAccountLink(server, user.email);
    const weak = await confirm(token, "password123");
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.issues).toContainEqual(
      expect.objectContaining({ location: "body", path: "password" }),
    );
    expect((await confirm(token)).status).toBe(204);
  });

  test("a reset clears the account's count of wrong passwords", async () => {
    const limited = await startTestServerWithWorkers({
      LOGIN_FAILURES_PER_ACCOUNT: 2,
      QUEUE_PREFIX: uniquePrefix("reset-unlock"),
    });
    try {
      const user = await org.addUser("agent");
      const logInThere = (password: string) =>
        limited.request("POST", "/api/v1/auth/login", {
          body: { organizationSlug: org.slug, email: user.email, password },
        });
      for (let i = 0; i < 2; i++) await logInThere("wrong-password");
      expect((await logInThere(TEST_PASSWORD)).status).toBe(429);
      await requestReset(user.email, org.slug, limited);
      const { token } = await awaitAccountLink(limited, user.email);
      const res = await limited.request("POST", "/api/v1/auth/password-reset/confirm", {
        body: { token, password: NEW_PASSWORD },
      });
      expect(res.status).toBe(204);
      expect((await logInThere(NEW_PASSWORD)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("rate limits", () => {
  test("per client address: 429 with Retry-After past the configured number", async () => {
    const limited = await startTestServer({
      AUTH_RATE_LIMIT_PER_MINUTE: 3,
      QUEUE_PREFIX: uniquePrefix("reset-limits"),
    });
    try {
      const ask = () =>
        requestReset(`nobody-${crypto.randomUUID().slice(0, 8)}@reset.test`, org.slug, limited);
      for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(202);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Confirmations have a budget of their own.
      const confirmThere = await limited.request("POST", "/api/v1/auth/password-reset/confirm", {
        body: { token: "forged", password: NEW_PASSWORD },
      });
      expect(confirmThere.status).toBe(400);
    } finally {
      await limited.close();
    }
  });

  test("per account, from any address: the same answers whether the account exists or not", async () => {
    const user = await org.addUser("customer");
    const unknown = `nobody-${crypto.randomUUID().slice(0, 8)}@reset.test`;
    for (const email of [user.email, unknown]) {
      const answers = [];
      for (let i = 0; i <= PASSWORD_RESETS_PER_ACCOUNT; i++) answers.push((await requestReset(email)).status);
      expect(answers).toEqual([...Array(PASSWORD_RESETS_PER_ACCOUNT).fill(202), 429]);
    }
    await accountEmailJobsDone(server, user.id, PASSWORD_RESETS_PER_ACCOUNT);
    expect(await devEmailsTo(server, user.email)).toHaveLength(PASSWORD_RESETS_PER_ACCOUNT);
  });
});
