import { mkdirSync } from "node:fs";
import type { Page } from "puppeteer-core";

const dir = new URL("../../../../docs/screenshots/", import.meta.url).pathname;

/**
 * The README's pictures of the main pages, retaken by an e2e run with E2E_SCREENSHOTS=1
 * (`bun run screenshots`): one viewport (1280×800) as PNG, `docs/screenshots/<name>.png`. Other
 * runs leave them alone, so `bun run test` doesn't rewrite committed images with new timestamps.
 */
export async function saveScreenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== "1") return;
  mkdirSync(dir, { recursive: true });
  // No caret or focus ring caught mid-blink, and no hover left from the last click.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: `${dir}${name}.png`, type: "png" });
}
