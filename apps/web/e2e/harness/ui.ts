import type { ElementHandle, Page } from "puppeteer-core";
import { authText, shellText } from "./copy.ts";

/**
 * Ways to reach the app's controls the way a person does (by label, by button text, by the
 * data-testids the pages promise), each waiting with a deadline rather than sleeping.
 */

/** Waits until the page shows its h1 and no loading message: the state to check or photograph. */
export async function waitForPage(page: Page, timeoutMs = 15_000) {
  await page
    .waitForFunction(
      () =>
        document.querySelector("h1") !== null &&
        ![...document.querySelectorAll('[role="status"]')].some((el) =>
          /Loading…|Chargement…/.test(el.textContent ?? ""),
        ),
      { timeout: timeoutMs },
    )
    .catch(async (error) => {
      const state = await page
        .evaluate(() => ({
          h1: document.querySelector("h1")?.textContent ?? null,
          statuses: [...document.querySelectorAll('[role="status"]')].map((el) => el.textContent),
          body: (document.body.textContent ?? "").slice(0, 300),
        }))
        .catch(() => "unreadable");
      throw new Error(`${page.url()} did not finish loading: ${error.message}; ${JSON.stringify(state)}`);
    });
}

/** Types into the form field named `name` (the API's field name), replacing what it held. */
export async function fill(page: Page, name: string, value: string, scope = "") {
  const selector = `${scope} [name="${name}"]`.trim();
  const field = await page.waitForSelector(selector, { visible: true });
  if (!field) throw new Error(`no field ${selector}`);
  await field.click({ count: 3 });
  await field.evaluate((el) => {
    (el as HTMLInputElement).select?.();
  });
  await page.keyboard.press("Backspace");
  await field.type(value);
}

/** The one button whose visible text matches, once it is there and enabled. */
export async function button(page: Page, text: RegExp, timeoutMs = 10_000): Promise<ElementHandle<Element>> {
  const handle = await page
    .waitForFunction(
      (source, flags) => {
        const pattern = new RegExp(source, flags);
        return [...document.querySelectorAll("button, a[role='button']")].find(
          (el) => pattern.test(el.textContent?.trim() ?? "") && !(el as HTMLButtonElement).disabled,
        );
      },
      { timeout: timeoutMs },
      text.source,
      text.flags,
    )
    .catch((error) => {
      throw new Error(`no enabled button ${text} on ${page.url()}: ${error.message}`);
    });
  return handle as ElementHandle<Element>;
}

/** A checkbox or radio button found by its label's text. */
export async function choice(page: Page, label: RegExp, timeoutMs = 10_000) {
  const handle = await page
    .waitForFunction(
      (source, flags) => {
        const pattern = new RegExp(source, flags);
        return [
          ...document.querySelectorAll<HTMLInputElement>("input[type=checkbox], input[type=radio]"),
        ].find(
          (input) =>
            pattern.test(input.getAttribute("aria-label") ?? "") ||
            [...(input.labels ?? [])].some((l) => pattern.test(l.textContent?.trim() ?? "")),
        );
      },
      { timeout: timeoutMs },
      label.source,
      label.flags,
    )
    .catch((error) => {
      throw new Error(`no checkbox or radio labelled ${label} on ${page.url()}: ${error.message}`);
    });
  return handle as ElementHandle<HTMLInputElement>;
}

/** The inbox or portal row of the ticket whose link reads `subject`; answers its ticket id. */
export async function ticketRow(page: Page, subject: string, timeoutMs = 15_000): Promise<string> {
  const id = await page
    .waitForFunction(
      (text) =>
        [...document.querySelectorAll('tr[data-testid="ticket-row"]')]
          .find((row) =>
            [...row.querySelectorAll("a[href*='/tickets/']")].some((a) => a.textContent?.trim() === text),
          )
          ?.getAttribute("data-ticket-id"),
      { timeout: timeoutMs },
      subject,
    )
    .catch((error) => {
      throw new Error(`no ticket row "${subject}" on ${page.url()}: ${error.message}`);
    });
  return String(await id.jsonValue());
}

/** Waits for a thread message holding `text`; `internal` says which kind it must be. */
export async function waitForMessage(page: Page, text: string, internal: boolean, timeoutMs = 15_000) {
  await page
    .waitForFunction(
      (body, kind) =>
        [...document.querySelectorAll(`article[data-testid="message"][data-internal="${kind}"]`)].some((a) =>
          a.textContent?.includes(body),
        ),
      { timeout: timeoutMs },
      text,
      String(internal),
    )
    .catch((error) => {
      throw new Error(
        `no ${internal ? "internal note" : "message"} "${text}" on ${page.url()}: ${error.message}`,
      );
    });
}

/** The texts of the thread's messages as the page shows them. */
export const messageTexts = (page: Page) =>
  page.$$eval('article[data-testid="message"]', (articles) =>
    articles.map((a) => ({ internal: a.getAttribute("data-internal"), text: a.textContent ?? "" })),
  );

/**
 * The page's h1 once it has loaded, failing when it is not the page asked for: the not-found page,
 * the sign-in page (the session was refused), or a page still the skeleton's placeholder, whose
 * h1 is its component's name.
 */
export async function shownHeading(page: Page, where = page.url()): Promise<string> {
  await waitForPage(page);
  const heading = await page.$eval("h1", (el) => el.textContent?.trim() ?? "");
  if (heading === shellText.notFound) throw new Error(`${where} shows the not-found page`);
  if (heading === shellText.forbidden) throw new Error(`${where} says the role can't open it`);
  if (heading === authText.signInTitle) throw new Error(`${where} asks to sign in`);
  if (/^[A-Z][A-Za-z]+Page$/.test(heading))
    throw new Error(`${where} is still a placeholder (h1 "${heading}")`);
  return heading;
}
