import type axe from "axe-core";
import type { Page } from "puppeteer-core";

declare global {
  /** What axe.min.js defines on the page it is injected into. */
  interface Window {
    axe?: typeof axe;
  }
}

const axeSource = await Bun.file(Bun.resolveSync("axe-core/axe.min.js", import.meta.dir)).text();

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing
 * each rule with the elements it names. The source goes in through the DevTools protocol, which the
 * app's Content-Security-Policy does not govern (a <script> tag would be refused).
 */
export async function expectAccessible(page: Page, label = new URL(page.url()).pathname) {
  const injected = await page.evaluate(() => "axe" in window);
  if (!injected) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    if (!window.axe) throw new Error("axe-core was not injected");
    const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
    // Only what the report needs crosses back: nodes hold DOM references.
    return {
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  });
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (blocking.length === 0) return;
  const report = blocking
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary ?? "").replaceAll("\n", " ")}`)
          .join("\n"),
    )
    .join("\n");
  throw new Error(`axe found serious or critical violations on ${label} (${page.url()}):\n${report}`);
}
