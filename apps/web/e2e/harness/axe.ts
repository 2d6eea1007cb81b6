import type { AxeResults } from "axe-core";
import type { Page } from "puppeteer-core";

const axeSource = await Bun.file(Bun.resolveSync("axe-core/axe.min.js", import.meta.dir)).text();

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing
 * each rule with the elements it names. The source goes in through the DevTools protocol, which the
 * app's Content-Security-Policy does not govern (a <script> tag would be refused).
 */
export async function expectAccessible(page: Page, label = new URL(page.url()).pathname) {
  const injected = await page.evaluate(() => "axe" in window);
  if (!injected) await page.evaluate(axeSource);
  const results = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    // Only what the report needs crosses back: nodes hold DOM references.
    return {
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  })) as Pick<AxeResults, "violations">;
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
