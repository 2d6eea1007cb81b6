import type { Browser, BrowserContext, Page } from "puppeteer-core";

/**
 * A page of its own browser context (cookies and storage apart from every other user's), signed in
 * as the holder of `token` before any script of the app runs. Without a token: signed out.
 */
export async function openPage(
  browser: Browser,
  token?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  if (token) {
    await page.evaluateOnNewDocument((value) => {
      localStorage.setItem("helpdesk.token", value);
    }, token);
  }
  failOnPageErrors(page);
  return { context, page };
}

/** Uncaught errors in the page fail the test that caused them, not a later one, with their message. */
const pageErrors = new WeakMap<Page, Error[]>();
function failOnPageErrors(page: Page) {
  const errors: Error[] = [];
  pageErrors.set(page, errors);
  page.on("pageerror", (error) => errors.push(error instanceof Error ? error : new Error(String(error))));
}

/** Throws the first uncaught error the page has raised so far. */
export function expectNoPageErrors(page: Page) {
  const [first] = pageErrors.get(page) ?? [];
  if (first) throw new Error(`uncaught error in ${page.url()}: ${first.message}`);
}

/**
 * Resolves when the page's Socket.IO connection has been accepted (the server's CONNECT packet),
 * i.e. from when on live events reach it. Call before the navigation that opens the socket.
 */
export async function socketConnected(page: Page, timeoutMs = 15_000): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no socket connected in ${page.url()}`)), timeoutMs);
    cdp.on("Network.webSocketFrameReceived", ({ response }) => {
      // Engine.IO message (4) carrying a Socket.IO CONNECT (0): `40{"sid":…}`.
      if (response.payloadData.startsWith("40")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await cdp.detach().catch(() => {});
}

/** The text of the page's h1, once there is one. */
export async function heading(page: Page, timeoutMs = 15_000): Promise<string> {
  const h1 = await page.waitForSelector("h1", { timeout: timeoutMs });
  return ((await h1?.evaluate((el) => el.textContent)) ?? "").trim();
}

/** Waits until the page's h1 reads `expected` (a string is matched exactly after trimming). */
export async function waitForHeading(page: Page, expected: RegExp | string, timeoutMs = 15_000) {
  const pattern =
    typeof expected === "string" ? `^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` : expected.source;
  const flags = typeof expected === "string" ? "" : expected.flags;
  await page
    .waitForFunction(
      (source, options) => {
        const text = document.querySelector("h1")?.textContent?.trim() ?? "";
        return new RegExp(source, options).test(text);
      },
      { timeout: timeoutMs },
      pattern,
      flags,
    )
    .catch(async (error) => {
      const seen = await page.$eval("h1", (el) => el.textContent).catch(() => "no h1");
      throw new Error(`h1 of ${page.url()} is "${seen}", expected ${String(expected)} (${error.message})`);
    });
}
