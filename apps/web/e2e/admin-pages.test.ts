import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { deadLetterJobs } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import { closeValkey, createValkeyConnection } from "@helpdesk/valkey/connection";
import { Queue } from "bullmq";
import type { Page } from "puppeteer-core";
import { parseCsv } from "../../api/src/testing/exports.ts";
import { slaMessages } from "../src/features/settings/sla-messages.ts";
import { expectAccessible } from "./harness/axe.ts";
import { expectNoPageErrors } from "./harness/browser.ts";
import { exactly, jobsText } from "./harness/copy.ts";
import { type E2E, expectStatus, startE2E, type TestOrg } from "./harness/e2e.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { button, fill, shownHeading } from "./harness/ui.ts";

const slaText = slaMessages.en;

/**
 * The admin's pages: settings, reports, an export from its progress bar to its file, and a dead
 * letter retried from the jobs page. Every page visited passes axe.
 */
let e2e: E2E;
let org: TestOrg;
let admin: Page;
const TIMEOUT = 60_000;

beforeAll(async () => {
  e2e = await startE2E();
  org = await e2e.createOrg();
  expectStatus(
    await e2e.request("POST", "/api/v1/sla-policies", {
      token: org.admin.token,
      body: {
        name: "Standard",
        isDefault: true,
        targets: { normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 } },
      },
    }),
    201,
    "the SLA policy",
  );
  for (const subject of ["Printer offline", "VPN drops every hour", "New laptop for Dev"]) {
    const ticket = expectStatus(
      await e2e.request<{ id: string }>("POST", "/api/v1/tickets", {
        token: org.customer.token,
        body: { subject, body: "Please help." },
      }),
      201,
      "a ticket",
    );
    expectStatus(
      await e2e.request("POST", `/api/v1/tickets/${ticket.id}/messages`, {
        token: org.agent.token,
        body: { body: "On it." },
      }),
      201,
      "a reply",
    );
  }
  admin = await e2e.pageAs(org.admin);
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

/** Opens a page as the admin and waits for it to show its h1 and nothing loading. */
async function visit(path: string) {
  await admin.goto(`${e2e.url}${path}`);
  const heading = await shownHeading(admin, path);
  expect(new URL(admin.url()).pathname).toBe(path.split("?")[0] ?? path);
  return heading;
}

describe("settings", () => {
  for (const [path, shot] of [
    ["/settings/organization", "settings-organization"],
    ["/settings/sla", "settings-sla"],
    ["/settings/users", "settings-users"],
    ["/settings/notifications", "settings-notifications"],
  ] as const) {
    test(
      `${path} is accessible`,
      async () => {
        await visit(path);
        await expectAccessible(admin, path);
        await saveScreenshot(admin, shot);
        expectNoPageErrors(admin);
      },
      TIMEOUT,
    );
  }
});

describe("SLA policy form", () => {
  test(
    "a policy written in the form is saved with its targets and its business hours",
    async () => {
      await visit("/settings/sla");
      await (await button(admin, exactly(slaText.newPolicy))).click();
      await fill(admin, "name", "Office hours");
      await fill(admin, "targets.urgent.firstResponseMinutes", "30");
      // Monday: add an hour after the office hours, then remove the office hours before it.
      await admin.click(`button[aria-label^="${slaText.addHoursFor.split(" {day}")[0]}"]`);
      await admin.waitForSelector('input[name="businessHours.weekly.mon.1.start"]');
      await admin.click(
        'fieldset:has(input[name="businessHours.weekly.mon.0.start"]) button[aria-label*="09:00"]',
      );
      await admin.waitForFunction(
        () =>
          !document.querySelector('input[name="businessHours.weekly.mon.1.start"]') &&
          (document.querySelector<HTMLInputElement>('input[name="businessHours.weekly.mon.0.start"]')
            ?.value ?? "") === "17:00",
        { timeout: 10_000 },
      );
      await (await button(admin, exactly(slaText.save))).click();
      await admin.waitForFunction(
        (text) => document.querySelector("main")?.textContent?.includes(text),
        { timeout: 10_000 },
        slaText.saved.replace("{name}", "Office hours"),
      );
      const listed = expectStatus(
        await e2e.request<{
          data: { name: string; targets: unknown; businessHours: { weekly: unknown } | null }[];
        }>("GET", "/api/v1/sla-policies", { token: org.admin.token }),
        200,
        "the policies",
      );
      const saved = listed.data.find((policy) => policy.name === "Office hours");
      expect(saved?.targets).toEqual({ urgent: { firstResponseMinutes: 30 } });
      expect(saved?.businessHours?.weekly).toMatchObject({
        mon: [{ start: "17:00", end: "18:00" }],
        tue: [{ start: "09:00", end: "17:00" }],
        sat: [],
      });
      expectNoPageErrors(admin);
    },
    TIMEOUT,
  );
});

describe("reports", () => {
  test(
    "the SLA report and the weekly report are accessible",
    async () => {
      await visit("/reports");
      await expectAccessible(admin, "reports");
      await saveScreenshot(admin, "reports");
      await visit("/reports/weekly");
      await expectAccessible(admin, "weekly report");
      await visit("/reports/weekly?week=2026-W02");
      await expectAccessible(admin, "weekly report (a given week)");
      await saveScreenshot(admin, "weekly-report");
      expectNoPageErrors(admin);
    },
    TIMEOUT,
  );

  test(
    "an export shows its progress, then a download link to its CSV",
    async () => {
      // The reports queue paused, the export waits in the queue for as long as the page needs to
      // show it in progress; resumed, it runs as it would have.
      const connection = createValkeyConnection(process.env.VALKEY_URL ?? "redis://127.0.0.1:6379", {
        name: "helpdesk:e2e",
      });
      const reports = new Queue("reports", { connection, prefix: process.env.QUEUE_PREFIX ?? "" });
      let id = "";
      try {
        await reports.pause();
        await visit("/reports/exports");
        await expectAccessible(admin, "exports");
        // The form's defaults: tickets of the last 30 days, today's included.
        await admin.click('form:has([name="type"]) button[type="submit"]');
        id = await admin
          .waitForFunction(() => /^\/reports\/exports\/([0-9a-f-]{36})$/.exec(location.pathname)?.[1], {
            timeout: 10_000,
          })
          .then(async (handle) => String(await handle.jsonValue()));
        await shownHeading(admin, "the new export's page");
        const waiting = expectStatus(
          await e2e.request<{ status: string }>("GET", `/api/v1/reports/exports/${id}`, {
            token: org.admin.token,
          }),
          200,
          "the export",
        );
        expect(waiting.status).toBe("queued");
        const bar = await admin.waitForSelector('[role="progressbar"]', { timeout: 10_000 });
        const now = await bar?.evaluate((el) => el.getAttribute("aria-valuenow"));
        expect(Number(now)).toBeGreaterThanOrEqual(0);
        expect(await admin.$('[data-testid="export-download"]')).toBeNull();
        await expectAccessible(admin, "export (in progress)");

        await reports.resume();
        const link = await admin.waitForSelector('[data-testid="export-download"]', { timeout: 20_000 });
        const href = await link?.evaluate((el) => (el as HTMLAnchorElement).href);
        expect(href).toBeTruthy();
        await expectAccessible(admin, "export (ready)");
        await saveScreenshot(admin, "export");
        const file = await fetch(href ?? "");
        expect(file.status).toBe(200);
        expect(file.headers.get("content-type")).toContain("text/csv");
        const records = parseCsv(await file.text());
        // A header and the organization's three tickets.
        expect(records.length).toBe(4);
        expect(records.some((record) => record.includes("VPN drops every hour"))).toBe(true);
      } finally {
        await reports.resume().catch(() => {});
        await reports.close();
        await closeValkey(connection);
      }
      await visit("/reports/exports");
      // The list shows it, linked to its page.
      await admin.waitForSelector(`main a[href="/reports/exports/${id}"]`, { timeout: 10_000 });
      await saveScreenshot(admin, "exports");
      expectNoPageErrors(admin);
    },
    TIMEOUT,
  );
});

describe("jobs", () => {
  test(
    "a dead letter is retried from the jobs page",
    async () => {
      const ticket = expectStatus(
        await e2e.request<{ id: string }>("POST", "/api/v1/tickets", {
          token: org.customer.token,
          body: { subject: "Dead letter target", body: "hello" },
        }),
        201,
        "a ticket",
      );
      // A job that ran out of attempts: its payload is valid, so a retry can succeed.
      const failedAt = new Date();
      const [row] = await e2e.db
        .insert(deadLetterJobs)
        .values({
          queue: "ticket-notifications",
          jobName: "ticket.event",
          jobId: jobIdFor(org.id),
          organizationId: org.id,
          payload: {
            type: "ticket.created",
            organizationId: org.id,
            ticketId: ticket.id,
            actorId: null,
            occurredAt: failedAt.toISOString(),
            eventId: Bun.randomUUIDv7(),
          },
          errorMessage: "connect ECONNREFUSED 10.0.0.7:587",
          attemptsMade: 5,
          failedAt,
          failureKey: failedAt.getTime(),
        })
        .returning();
      if (!row) throw new Error("dead letter insert returned nothing");

      await visit("/jobs");
      const deadLetter = '[data-testid="dead-letter"]';
      await admin.waitForSelector(deadLetter, { timeout: 10_000 });
      expect(await admin.$$eval(deadLetter, (rows) => rows.length)).toBe(1);
      await expectAccessible(admin, "jobs");
      await saveScreenshot(admin, "jobs");

      const retry = await button(admin, exactly(jobsText.retry));
      expect(await retry.evaluate((el) => el.closest('[data-testid="dead-letter"]') !== null)).toBe(true);
      await retry.click();
      // Retried: the row leaves the list, or says so and offers no second retry.
      await admin
        .waitForFunction(
          (selector, texts) =>
            [...document.querySelectorAll(selector)].every(
              (row) =>
                ![...row.querySelectorAll("button")].some(
                  (b) => b.textContent?.trim() === texts.retry && !(b as HTMLButtonElement).disabled,
                ) && [...row.querySelectorAll("*")].some((el) => el.textContent?.trim() === texts.retried),
            ),
          { timeout: 10_000 },
          deadLetter,
          { retry: jobsText.retry, retried: jobsText.retried },
        )
        .catch((error) => {
          throw new Error(`the dead letter does not show as retried: ${error.message}`);
        });
      const list = expectStatus(
        await e2e.request<{ data: { id: string; retriedAt: string | null }[] }>(
          "GET",
          "/api/v1/admin/jobs/dead-letters",
          { token: org.admin.token },
        ),
        200,
        "the dead letters",
      );
      expect(list.data.find((d) => d.id === row.id)?.retriedAt).toBeTruthy();
      await expectAccessible(admin, "jobs (after the retry)");
      expectNoPageErrors(admin);
    },
    TIMEOUT,
  );
});
