import { afterAll, beforeAll, expect, test } from "bun:test";
import { expectAccessible } from "./harness/axe.ts";
import { expectNoPageErrors, socketConnected } from "./harness/browser.ts";
import { type E2E, expectStatus, startE2E, type TestOrg } from "./harness/e2e.ts";
import { saveScreenshot } from "./harness/screenshots.ts";
import { ticketRow, waitForPage } from "./harness/ui.ts";

/**
 * An SLA deadline played out in real time: a first response due one minute after the ticket opens
 * (the shortest target a policy takes; the clock runs around the clock). The agent's inbox counts it
 * down, turns amber near the end and red once it has passed. It takes a little over a minute, alone
 * in its file so the other files run beside it.
 */
let e2e: E2E;
let org: TestOrg;

beforeAll(async () => {
  e2e = await startE2E();
  org = await e2e.createOrg();
}, 60_000);
afterAll(async () => {
  await e2e?.close();
});

test("the SLA badge counts down, turns amber, then red at a one-minute deadline", async () => {
  expectStatus(
    await e2e.request("POST", "/api/v1/sla-policies", {
      token: org.admin.token,
      body: {
        name: "One minute",
        isDefault: true,
        targets: { normal: { firstResponseMinutes: 1 } },
        businessHours: null,
      },
    }),
    201,
    "the one-minute policy",
  );
  const agent = await e2e.pageAs(org.agent);
  const live = socketConnected(agent);
  await agent.goto(`${e2e.url}/`);
  await waitForPage(agent);
  await live;

  const subject = "Checkout fails with error 502";
  const ticket = expectStatus(
    await e2e.request<{ id: string }>("POST", "/api/v1/tickets", {
      token: org.customer.token,
      body: { subject, body: "Since the last deploy." },
    }),
    201,
    "the ticket",
  );
  // Deadlines are for staff: the customer's answer carries none.
  const staffView = expectStatus(
    await e2e.request<{ sla: { firstResponse: { dueAt: string } | null } | null }>(
      "GET",
      `/api/v1/tickets/${ticket.id}`,
      { token: org.agent.token },
    ),
    200,
    "the ticket as staff see it",
  );
  const dueAt = Date.parse(staffView.sla?.firstResponse?.dueAt ?? "");
  expect(dueAt).toBeGreaterThan(Date.now());
  expect(dueAt - Date.now()).toBeLessThanOrEqual(60_000);

  await ticketRow(agent, subject);
  const badge = `tr[data-ticket-id="${ticket.id}"] [data-testid="sla-badge"]`;
  const first = await badgeNow(badge);
  expect(first.state).toBe("ok");
  // Counting down: the text changes while the state holds, without any reload.
  await agent.waitForFunction(
    (selector, text) => {
      const el = document.querySelector(selector);
      return el && el.textContent !== text && el.getAttribute("data-state") === "ok";
    },
    { timeout: 5_000 },
    badge,
    first.text,
  );
  const second = await badgeNow(badge);
  expect(second.text).not.toBe(first.text);
  await expectAccessible(agent, "inbox (SLA running)");

  // The last fifth of the allowance is "at risk" (amber), from 48 s in.
  await waitForState(badge, "at_risk", dueAt - Date.now() + 5_000);
  expect(await hasTone(badge, "amber")).toBe(true);
  await saveScreenshot(agent, "inbox-sla-at-risk");

  // Past the deadline: red, whether the countdown or the server's breach event got there first.
  await waitForState(badge, "breached", dueAt - Date.now() + 30_000);
  expect(await hasTone(badge, "red")).toBe(true);
  const breached = await badgeNow(badge);
  expect(breached.text.trim()).not.toBe("");
  // The server agrees: the breach is recorded.
  const view = expectStatus(
    await e2e.request<{ sla: { firstResponse: { state: string } } }>("GET", `/api/v1/tickets/${ticket.id}`, {
      token: org.agent.token,
    }),
    200,
    "the ticket after its deadline",
  );
  expect(view.sla.firstResponse.state).toBe("breached");
  await expectAccessible(agent, "inbox (SLA breached)");
  expectNoPageErrors(agent);

  async function badgeNow(selector: string) {
    const el = await agent.waitForSelector(selector, { timeout: 10_000 });
    if (!el) throw new Error(`no SLA badge ${selector}`);
    return el.evaluate((node) => ({ text: node.textContent ?? "", state: node.getAttribute("data-state") }));
  }

  async function waitForState(selector: string, state: string, timeoutMs: number) {
    await agent
      .waitForFunction(
        (s, wanted) => document.querySelector(s)?.getAttribute("data-state") === wanted,
        { timeout: Math.max(timeoutMs, 1_000) },
        selector,
        state,
      )
      .catch(async (error) => {
        const seen = await badgeNow(selector).catch(() => undefined);
        throw new Error(`SLA badge never became ${state} (last: ${JSON.stringify(seen)}): ${error.message}`);
      });
  }

  /** Whether the badge (or the Badge inside it) wears the tone's colour. */
  function hasTone(selector: string, tone: "amber" | "red") {
    return agent.$eval(
      selector,
      (el, name) =>
        [el, ...el.querySelectorAll("*")].some((node) => node.getAttribute("class")?.includes(`bg-${name}-`)),
      tone,
    );
  }
}, 180_000);
