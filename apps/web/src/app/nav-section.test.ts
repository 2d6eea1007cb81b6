import { expect, test } from "bun:test";
import { navSectionOf } from "./nav-section.ts";

test("each page lights its own section, exports apart from reports", () => {
  expect(navSectionOf("/")).toBe("home");
  expect(navSectionOf("/reports")).toBe("reports");
  expect(navSectionOf("/reports/weekly")).toBe("reports");
  expect(navSectionOf("/reports/exports")).toBe("exports");
  expect(navSectionOf("/reports/exports/0b7c")).toBe("exports");
  expect(navSectionOf("/jobs")).toBe("jobs");
  expect(navSectionOf("/settings/sla")).toBe("settings");
  expect(navSectionOf("/tickets/0b7c")).toBeUndefined();
  expect(navSectionOf("/notifications")).toBeUndefined();
});
