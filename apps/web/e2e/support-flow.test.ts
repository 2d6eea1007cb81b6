import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "puppeteer-core";
import { portalMessages } from "../src/features/portal/messages.ts";
import { ticketMessages } from "../src/features/tickets/messages.ts";
import { expectAccessible } from "./harness/axe.ts";
import { expectNoPageErrors, socketConnected, waitForHeading } from "./harness/browser.ts";
import { authText, exactly } from "./harness/copy.ts";
import { type E2E, expectStatus, startE2E, TEST_PASSWORD, type TestOrg } from "./harness/e2e.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { button, choice, fill, messageTexts, ticketRow, waitForMessage, waitForPage } from "./harness/ui.ts";

/**
 * The help desk's core loop in a real browser: an agent signs in, a customer (another browser
 * context) opens a ticket that appears in the agent's inbox live, the agent answers with a reply
 * and an internal note, and the customer sees the reply but never the note.
 */
let e2e: E2E;
let org: TestOrg;
let agent: Page;
let customer: Page;
const subject = "The invoice PDF is blank";
let ticketId = "";
/** Per test: a browser round trip and axe take seconds each on a small machine. */
const TIMEOUT = 60_000;

beforeAll(async () => {
  e2e = await startE2E();
  org = await e2e.createOrg();
  await seedInbox();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

/** A default SLA and a few tickets, so the inbox reads like a working day's (and photographs so). */
async function seedInbox() {
  expectStatus(
    await e2e.request("POST", "/api/v1/sla-policies", {
      token: org.admin.token,
      body: {
        name: "Standard",
        isDefault: true,
        targets: {
          urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
          high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
          normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
          low: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
        },
      },
    }),
    201,
    "the SLA policy",
  );
  const tickets = [
    { subject: "Cannot reset my password", priority: "high", customer: org.customer2 },
    { subject: "Refund for a double charge", priority: "urgent", customer: org.customer },
    { subject: "How do I add a second user?", priority: "low", customer: org.customer2 },
    { subject: "Export to Excel has wrong dates", priority: "normal", customer: org.customer },
  ];
  for (const ticket of tickets) {
    expectStatus(
      await e2e.request("POST", "/api/v1/tickets", {
        token: org.agent2.token,
        body: {
          subject: ticket.subject,
          body: "Details in the first message.",
          priority: ticket.priority,
          customerId: ticket.customer.id,
        },
      }),
      201,
      "a seed ticket",
    );
  }
}

describe("signed out", () => {
  test(
    "the sign-in, sign-up and password-reset pages are accessible",
    async () => {
      const page = await e2e.pageAs();
      await page.goto(`${e2e.url}/login`);
      await waitForHeading(page, authText.signInTitle);
      await expectAccessible(page, "login");
      await saveScreenshot(page, "login");
      await page.goto(`${e2e.url}/signup`);
      await waitForPage(page);
      await expectAccessible(page, "signup");
      await page.goto(`${e2e.url}/reset-password`);
      await waitForPage(page);
      await expectAccessible(page, "reset-password (request)");
      expectNoPageErrors(page);
    },
    TIMEOUT,
  );
});

describe("an agent and a customer", () => {
  test(
    "the agent signs in through the form and lands on the inbox",
    async () => {
      agent = await e2e.pageAs();
      await agent.goto(`${e2e.url}/`);
      // Signed out, the inbox sends them to sign in first.
      await waitForHeading(agent, authText.signInTitle);
      expect(new URL(agent.url()).pathname).toBe("/login");
      await fill(agent, "organizationSlug", org.slug);
      await fill(agent, "email", org.agent.email);
      await fill(agent, "password", TEST_PASSWORD);
      const live = socketConnected(agent);
      await (await button(agent, exactly(authText.signIn))).click();
      await agent.waitForFunction(() => location.pathname === "/", { timeout: 15_000 });
      await ticketRow(agent, "Refund for a double charge");
      await live;
      expect(await agent.$eval('[data-testid="signed-in-as"]', (el) => el.textContent)).toBe(org.agent.name);
      await waitForPage(agent);
      await expectAccessible(agent, "inbox");
      await saveScreenshot(agent, "inbox");
    },
    TIMEOUT,
  );

  test(
    "a customer's new ticket appears in the agent's inbox without a reload",
    async () => {
      customer = await e2e.pageAs(org.customer);
      const customerLive = socketConnected(customer);
      await customer.goto(`${e2e.url}/`);
      await ticketRow(customer, "Refund for a double charge");
      await customerLive;
      await waitForPage(customer);
      await expectAccessible(customer, "portal");
      await saveScreenshot(customer, "portal");

      // The form may sit behind a "New ticket" button.
      if (!(await customer.$('[name="subject"]'))) await (await button(customer, /new ticket/i)).click();
      await fill(customer, "subject", subject);
      await fill(
        customer,
        "body",
        "Every invoice I download since Monday is an empty page.",
        'form:has([name="subject"])',
      );
      const agentUrl = agent.url();
      await customer.click('form:has([name="subject"]) button[type="submit"]');

      ticketId = await ticketRow(agent, subject, 15_000);
      // Still the same page: the row came over the socket, not from a navigation.
      expect(agent.url()).toBe(agentUrl);
      const created = expectStatus(
        await e2e.request("GET", `/api/v1/tickets/${ticketId}`, { token: org.customer.token }),
        200,
        "the new ticket",
      );
      expect(created).toMatchObject({ subject, customerId: org.customer.id });
      expectNoPageErrors(agent);
      expectNoPageErrors(customer);
    },
    TIMEOUT,
  );

  test(
    "the agent adds an internal note and a reply; the customer sees only the reply",
    async () => {
      expect(ticketId).not.toBe("");
      await agent.click(`tr[data-ticket-id="${ticketId}"] a[href$="/tickets/${ticketId}"]`);
      await agent.waitForFunction((id) => location.pathname === `/tickets/${id}`, {}, ticketId);
      await waitForMessage(agent, "Every invoice I download", false);

      // The customer watches the ticket meanwhile.
      if (!new URL(customer.url()).pathname.endsWith(ticketId)) {
        await customer.goto(`${e2e.url}/`);
        await customer.click(`tr[data-ticket-id="${ticketId}"] a[href$="/tickets/${ticketId}"]`);
      }
      await waitForMessage(customer, "Every invoice I download", false);

      const note = "Billing bug BUG-2231, same as last week: do not promise a date.";
      const reply = "Thanks Carol, we can reproduce it and are fixing it now.";
      await setInternal(agent, true);
      await fill(agent, "body", note);
      await agent.click('form:has(textarea[name="body"]) button[type="submit"]');
      await waitForMessage(agent, note, true);

      await setInternal(agent, false);
      await fill(agent, "body", reply);
      await agent.click('form:has(textarea[name="body"]) button[type="submit"]');
      await waitForMessage(agent, reply, false);
      await waitForPage(agent);
      await expectAccessible(agent, "ticket (agent)");
      await saveScreenshot(agent, "ticket-agent");

      // The reply reaches the customer's open page live; the note, written before it, never does.
      await waitForMessage(customer, reply, false);
      const shown = await messageTexts(customer);
      expect(shown.some((m) => m.text.includes(note) || m.internal === "true")).toBe(false);
      await customer.reload();
      await waitForMessage(customer, reply, false);
      expect((await messageTexts(customer)).some((m) => m.text.includes(note))).toBe(false);
      await waitForPage(customer);
      await expectAccessible(customer, "ticket (customer)");
      await saveScreenshot(customer, "ticket-customer");
      expectNoPageErrors(agent);
      expectNoPageErrors(customer);
    },
    TIMEOUT,
  );

  test(
    "the customer's bell counts the reply and the notifications page lists it",
    async () => {
      const bell = await customer.waitForSelector('[data-testid="notification-bell"]');
      await customer.waitForFunction(
        (el) => /[1-9]/.test(el?.textContent ?? "") && /[1-9]/.test(el?.getAttribute("aria-label") ?? ""),
        { timeout: 10_000 },
        bell,
      );
      // The bell opens the latest notifications, the reply's among them.
      await bell?.click();
      await customer.waitForFunction(
        (text) =>
          [...document.querySelectorAll("[data-radix-popper-content-wrapper], [role='dialog']")].some((el) =>
            el.textContent?.includes(text),
          ),
        { timeout: 10_000 },
        subject,
      );
      await expectAccessible(customer, "notification bell (open)");
      await customer.keyboard.press("Escape");

      await customer.goto(`${e2e.url}/notifications`);
      await waitForPage(customer);
      await customer.waitForFunction(
        (text) => document.querySelector("main")?.textContent?.includes(text),
        { timeout: 10_000 },
        subject,
      );
      await expectAccessible(customer, "notifications");
      await saveScreenshot(customer, "notifications");
      expectNoPageErrors(customer);
    },
    TIMEOUT,
  );
});

describe("in French", () => {
  test(
    "a customer whose locale is fr gets the portal and the ticket in French",
    async () => {
      const customer2 = org.customer2;
      expectStatus(
        await e2e.request("PATCH", `/api/v1/users/${customer2.id}`, {
          token: org.admin.token,
          body: { locale: "fr" },
        }),
        200,
        "the customer's locale",
      );
      const page = await e2e.pageAs(customer2);
      await page.goto(`${e2e.url}/`);
      await waitForHeading(page, portalMessages.fr.title);
      expect(await page.$eval("html", (html) => html.lang)).toBe("fr");
      await waitForPage(page);
      await expectAccessible(page, "portal (fr)");

      const row = await page.waitForSelector('[data-testid="ticket-row"] a');
      await row?.click();
      await page.waitForFunction(() => location.pathname.startsWith("/tickets/"), { timeout: 10_000 });
      await waitForPage(page);
      // The reply box and its button speak French too.
      await page.waitForFunction(
        (label) => [...document.querySelectorAll("label")].some((l) => l.textContent?.trim() === label),
        { timeout: 10_000 },
        ticketMessages.fr.replyLabel,
      );
      await expectAccessible(page, "ticket (fr)");
      expectNoPageErrors(page);
    },
    TIMEOUT,
  );
});

/** Ticks or clears the reply form's "Internal note" checkbox. */
async function setInternal(p: Page, internal: boolean) {
  const toggle = await choice(p, /internal note/i);
  if ((await toggle.evaluate((el) => el.checked)) !== internal) await toggle.click();
}
