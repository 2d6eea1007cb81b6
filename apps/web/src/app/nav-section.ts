/** The main navigation's sections; each page lights the one it belongs to. */
export type NavSection = "home" | "reports" | "exports" | "jobs" | "settings";

/**
 * Which section a path belongs to. Exports live under /reports but are a section of their own
 * (agents have exports and no reports), so they are matched first.
 */
export function navSectionOf(pathname: string): NavSection | undefined {
  if (pathname === "/") return "home";
  if (pathname.startsWith("/reports/exports")) return "exports";
  if (pathname === "/reports" || pathname.startsWith("/reports/")) return "reports";
  if (pathname === "/jobs") return "jobs";
  if (pathname.startsWith("/settings/")) return "settings";
  return undefined;
}
