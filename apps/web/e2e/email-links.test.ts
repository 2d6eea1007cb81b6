import { afterAll, beforeAll, expect, test } from "bun:test";
import { type DevEmail, devEmails, users } from "@helpdesk/db/schema";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import { eq, inArray } from "drizzle-orm";
import { tokenFor } from "../../api/src/testing/fixtures.ts";
import { expectAccessible } from "./harness/axe.ts";
import { expectNoPageErrors, waitForHeading } from "./harness/browser.ts";
import { authText, exactly } from "./harness/copy.ts";
import { type E2E, expectStatus, startE2E, type TestOrg } from "./harness/e2e.ts";
import { appLinks, awaitEmail } from "./harness/outbox.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { button, fill, shownHeading } from "./harness/ui.ts";

/**
 * E-mails read from the development outbox, their links opened in the browser: a password reset
 * from request to signing in with the new password, and every kind of link the server e-mails
 * (ticket, preferences, digest, weekly report, export, account) opening its page for its recipient.
 */
let e2e: E2E;
let org: TestOrg;
const TIMEOUT = 60_000;

beforeAll(async () => {
  // A reply is e-mailed once the ticket is quiet: no wait for that here.
  e2e = await startE2E({ EMAIL_DEBOUNCE_MS: "0" });
  org = await e2e.createOrg();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

test(
  "the reset-password link from the outbox sets a new password that signs in",
  async () => {
    const user = await org.addUser("customer", { name: "Erin Walsh" });
    const page = await e2e.pageAs();
    await page.goto(`${e2e.url}/login`);
    await (await page.waitForSelector("a[href='/reset-password']"))?.click();
    await waitForHeading(page, authText.resetTitle);
    await fill(page, "organizationSlug", org.slug);
    await fill(page, "email", user.email);
    await (await button(page, exactly(authText.sendLink))).click();
    await page.waitForFunction(
      (text) => document.body.textContent?.includes(text),
      { timeout: 10_000 },
      authText.linkSent,
    );

    const email = await awaitEmail(e2e.db, user.email, /password/i);
    const [link] = appLinks(email, e2e.url).filter((url) => url.includes("/reset-password?token="));
    expect(link).toBeDefined();
    const fresh = await e2e.pageAs();
    await fresh.goto(link ?? "");
    await waitForHeading(fresh, authText.setPasswordTitle);
    await expectAccessible(fresh, "reset-password (set)");
    await saveScreenshot(fresh, "reset-password");
    const newPassword = "a-brand-new-passphrase";
    await fill(fresh, "password", newPassword);
    await (await button(fresh, exactly(authText.setPassword))).click();
    await fresh.waitForFunction(
      (text) => document.body.textContent?.includes(text),
      { timeout: 10_000 },
      authText.passwordSet,
    );

    // Sign in with it, through the form.
    await fresh.goto(`${e2e.url}/login`);
    await fill(fresh, "organizationSlug", org.slug);
    await fill(fresh, "email", user.email);
    await fill(fresh, "password", newPassword);
    await (await button(fresh, exactly(authText.signIn))).click();
    await fresh.waitForFunction(() => location.pathname === "/", { timeout: 15_000 });
    await fresh.waitForFunction(
      (name) => document.querySelector('[data-testid="signed-in-as"]')?.textContent === name,
      { timeout: 15_000 },
      user.name,
    );
    // The link was for one use.
    const again = await e2e.request("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token: new URL(link ?? "").searchParams.get("token"), password: "yet-another-passphrase" },
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expectNoPageErrors(page);
    expectNoPageErrors(fresh);
  },
  TIMEOUT,
);

test("every link the server e-mails opens its page for its recipient", async () => {
  // One of each e-mail: a welcome, an assignment, a reply, an export ready, a digest, a weekly report.
  const welcomed = expectStatus(
    await e2e.request<{ id: string; email: string }>("POST", "/api/v1/users", {
      token: org.admin.token,
      body: { name: "Femi Adeyemi", email: `femi@${org.slug}.test`, role: "agent" },
    }),
    201,
    "the new user",
  );
  const ticket = expectStatus(
    await e2e.request<{ id: string }>("POST", "/api/v1/tickets", {
      token: org.customer.token,
      body: { subject: "Two-factor codes never arrive", body: "Tried SMS and e-mail." },
    }),
    201,
    "the ticket",
  );
  const call = async (path: string, token: string, body: unknown, status: number, method = "POST") =>
    expectStatus(await e2e.request(method, path, { token, body }), status, `${method} ${path}`);
  await call(`/api/v1/tickets/${ticket.id}`, org.admin.token, { assigneeId: org.agent.id }, 200, "PATCH");
  await call(
    `/api/v1/tickets/${ticket.id}/messages`,
    org.agent.token,
    { body: "Resent a code just now." },
    201,
  );
  const exported = (await call(
    "/api/v1/reports/exports",
    org.admin.token,
    { type: "tickets", from: "2020-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z" },
    202,
  )) as { id: string };
  await call("/api/v1/admin/jobs/schedulers/reports.digest/run", org.admin.token, {}, 202);
  await call("/api/v1/admin/jobs/schedulers/reports.weekly-report/run", org.admin.token, {}, 202);

  const kinds = {
    ticket: new RegExp(`/tickets/${ticket.id}$`),
    preferences: /\/settings\/notifications$/,
    dashboard: /\/dashboard$/,
    weeklyReport: /\/reports\/weekly\?week=\d{4}-W\d{2}$/,
    export: new RegExp(`/reports/exports/${exported.id}$`),
    account: /\/reset-password\?token=/,
  };
  const recipients = [org.admin, org.agent, org.customer].map((u) => u.email).concat(welcomed.email);
  const emails = await waitFor(
    "an e-mail with each kind of link",
    async () => {
      const sent = await e2e.db.select().from(devEmails).where(inArray(devEmails.toAddress, recipients));
      const links = sent.flatMap((email) => appLinks(email, e2e.url));
      const missing = Object.entries(kinds).filter(([, pattern]) => !links.some((l) => pattern.test(l)));
      return missing.length === 0 ? sent : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );

  const visits = uniqueVisits(emails);
  for (const kind of Object.keys(kinds)) expect(visits.some((v) => v.kind === kind)).toBe(true);
  const checked = new Set<string>();
  for (const visit of visits) {
    const [recipient] = await e2e.db.select().from(users).where(eq(users.email, visit.to));
    if (!recipient) throw new Error(`no user ${visit.to}`);
    // Account links are for someone not signed in; every other link for its recipient, signed in.
    const page = await e2e.pageAs(
      visit.kind === "account" ? undefined : { token: await tokenFor(recipient) },
    );
    await page.goto(visit.link);
    const expected = visit.kind === "dashboard" ? "/" : new URL(visit.link).pathname;
    const where = `${visit.kind} link ${visit.link} (to ${recipient.role} ${visit.to})`;
    await page
      .waitForFunction((path) => location.pathname === path, { timeout: 10_000 }, expected)
      .catch(() => {
        throw new Error(`${where} ended on ${page.url()}, expected ${expected}`);
      });
    await shownHeading(page, where);
    if (visit.kind === "weeklyReport")
      expect(new URL(page.url()).searchParams.get("week")).toBe(new URL(visit.link).searchParams.get("week"));
    if (visit.kind === "account") await waitForHeading(page, authText.setPasswordTitle);
    if (!checked.has(`${visit.kind}:${recipient.role}`)) {
      checked.add(`${visit.kind}:${recipient.role}`);
      await expectAccessible(page, where);
    }
    expectNoPageErrors(page);
    await page.browserContext().close();
  }
}, 120_000);

/** Each distinct link of each recipient once, named by the kind of page it opens. */
function uniqueVisits(emails: DevEmail[]) {
  const kindOf = (link: string) => {
    const { pathname } = new URL(link);
    if (pathname.startsWith("/tickets/")) return "ticket";
    if (pathname === "/settings/notifications") return "preferences";
    if (pathname === "/dashboard") return "dashboard";
    if (pathname === "/reports/weekly") return "weeklyReport";
    if (pathname.startsWith("/reports/exports/")) return "export";
    if (pathname === "/reset-password") return "account";
    throw new Error(`an e-mail links to ${link}, a page this test does not know`);
  };
  const seen = new Set<string>();
  return emails.flatMap((email) =>
    appLinks(email, e2e.url).flatMap((link) => {
      const key = `${email.toAddress} ${link}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ to: email.toAddress, link, kind: kindOf(link), subject: email.subject }];
    }),
  );
}
