import puppeteer, { type Browser } from "puppeteer-core";

/**
 * Debian's chromium driven by puppeteer-core, which never downloads a browser of its own. Kept apart
 * from the page helpers (which run DOM code) so the root benchmarks can launch it too.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const VIEWPORT = { width: 1280, height: 800 };

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    defaultViewport: VIEWPORT,
    // No sandbox: CI containers run as root; their /dev/shm is too small for chromium's shared memory.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US"],
  });
}
