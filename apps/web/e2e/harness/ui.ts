import type { ElementHandle, Page } from "puppeteer-core";

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
    .catch((error) => {
      throw new Error(`${page.url()} did not finish loading: ${error.message}`);
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
