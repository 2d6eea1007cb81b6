import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { meQuery } from "../auth/me-query.ts";
import { tokenStore } from "../session/token-store.ts";
import { NotFound } from "./not-found.tsx";
import { PublicLayout } from "./public-layout.tsx";
import { RootLayout } from "./root-layout.tsx";

/**
 * Every page of the app. Pages load on demand (one chunk each), so the sign-in page ships only the
 * shell; the paths are the ones the e-mails link to (apps/api/src/services/email/links.ts).
 */
const root = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

/** The inbox's filters live in the URL, so a filtered view can be bookmarked and shared. */
export interface InboxSearch {
  status?: string;
  /** "me" or "unassigned". */
  assignee?: string;
  sla?: string;
  q?: string;
}

const optionalString = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

// Signed-out pages.
const publicPages = createRoute({ getParentRoute: () => root, id: "public", component: PublicLayout });
const login = createRoute({
  getParentRoute: () => publicPages,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: optionalString(search.redirect),
  }),
  component: lazyRouteComponent(() => import("../features/auth/login-page.tsx"), "LoginPage"),
});
const signup = createRoute({
  getParentRoute: () => publicPages,
  path: "/signup",
  component: lazyRouteComponent(() => import("../features/auth/signup-page.tsx"), "SignupPage"),
});
const resetPassword = createRoute({
  getParentRoute: () => publicPages,
  path: "/reset-password",
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: optionalString(search.token),
  }),
  component: lazyRouteComponent(
    () => import("../features/auth/reset-password-page.tsx"),
    "ResetPasswordPage",
  ),
});

// Signed-in pages: without a session, sign in first and come back.
const app = createRoute({
  getParentRoute: () => root,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const back = { to: "/login", search: { redirect: location.href } } as const;
    if (!tokenStore.token()) throw redirect(back);
    try {
      return { me: await context.queryClient.ensureQueryData(meQuery) };
    } catch {
      throw redirect(back);
    }
  },
  // The signed-in frame (socket, bell) is a chunk of its own: the sign-in page doesn't ship it.
  component: lazyRouteComponent(() => import("./app-shell.tsx"), "AppShell"),
});

/** Pages for some roles only: anyone else goes to their start page. */
const onlyFor =
  (...roles: ("customer" | "agent" | "admin")[]) =>
  ({ context }: { context: { me: { user: { role: "customer" | "agent" | "admin" } } } }) => {
    if (!roles.includes(context.me.user.role)) throw redirect({ to: "/" });
  };

const home = createRoute({
  getParentRoute: () => app,
  path: "/",
  validateSearch: (search: Record<string, unknown>): InboxSearch => ({
    status: optionalString(search.status),
    assignee: optionalString(search.assignee),
    sla: optionalString(search.sla),
    q: optionalString(search.q),
  }),
  component: lazyRouteComponent(() => import("./home-page.tsx"), "HomePage"),
});
const dashboard = createRoute({
  getParentRoute: () => app,
  path: "/dashboard",
  beforeLoad: () => {
    throw redirect({ to: "/" });
  },
});
const ticket = createRoute({
  getParentRoute: () => app,
  path: "/tickets/$id",
  component: lazyRouteComponent(() => import("../features/tickets/ticket-page.tsx"), "TicketPage"),
});
const notifications = createRoute({
  getParentRoute: () => app,
  path: "/notifications",
  component: lazyRouteComponent(
    () => import("../features/notifications/notifications-page.tsx"),
    "NotificationsPage",
  ),
});
const notificationSettings = createRoute({
  getParentRoute: () => app,
  path: "/settings/notifications",
  component: lazyRouteComponent(
    () => import("../features/settings/notification-settings-page.tsx"),
    "NotificationSettingsPage",
  ),
});
const organizationSettings = createRoute({
  getParentRoute: () => app,
  path: "/settings/organization",
  beforeLoad: onlyFor("admin"),
  component: lazyRouteComponent(
    () => import("../features/settings/organization-settings-page.tsx"),
    "OrganizationSettingsPage",
  ),
});
const slaSettings = createRoute({
  getParentRoute: () => app,
  path: "/settings/sla",
  beforeLoad: onlyFor("admin"),
  component: lazyRouteComponent(
    () => import("../features/settings/sla-settings-page.tsx"),
    "SlaSettingsPage",
  ),
});
const userSettings = createRoute({
  getParentRoute: () => app,
  path: "/settings/users",
  beforeLoad: onlyFor("admin"),
  component: lazyRouteComponent(
    () => import("../features/settings/users-settings-page.tsx"),
    "UsersSettingsPage",
  ),
});
const reports = createRoute({
  getParentRoute: () => app,
  path: "/reports",
  beforeLoad: onlyFor("admin"),
  validateSearch: (search: Record<string, unknown>): { from?: string; to?: string } => ({
    from: optionalString(search.from),
    to: optionalString(search.to),
  }),
  component: lazyRouteComponent(() => import("../features/reports/sla-report-page.tsx"), "SlaReportPage"),
});
const weeklyReport = createRoute({
  getParentRoute: () => app,
  path: "/reports/weekly",
  beforeLoad: onlyFor("admin"),
  validateSearch: (search: Record<string, unknown>): { week?: string } => ({
    week: optionalString(search.week),
  }),
  component: lazyRouteComponent(
    () => import("../features/reports/weekly-report-page.tsx"),
    "WeeklyReportPage",
  ),
});
const exportsList = createRoute({
  getParentRoute: () => app,
  path: "/reports/exports",
  beforeLoad: onlyFor("agent", "admin"),
  component: lazyRouteComponent(() => import("../features/exports/exports-page.tsx"), "ExportsPage"),
});
const exportDetail = createRoute({
  getParentRoute: () => app,
  path: "/reports/exports/$id",
  beforeLoad: onlyFor("agent", "admin"),
  component: lazyRouteComponent(() => import("../features/exports/export-page.tsx"), "ExportPage"),
});
const jobs = createRoute({
  getParentRoute: () => app,
  path: "/jobs",
  beforeLoad: onlyFor("admin"),
  component: lazyRouteComponent(() => import("../features/jobs/jobs-page.tsx"), "JobsPage"),
});

const routeTree = root.addChildren([
  publicPages.addChildren([login, signup, resetPassword]),
  app.addChildren([
    home,
    dashboard,
    ticket,
    notifications,
    notificationSettings,
    organizationSettings,
    slaSettings,
    userSettings,
    reports,
    weeklyReport,
    exportsList,
    exportDetail,
    jobs,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    // Loaders read through TanStack Query, which decides freshness.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
