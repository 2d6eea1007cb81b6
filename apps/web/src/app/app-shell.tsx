import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { Suspense, useEffect, useRef } from "react";
import { isStaff, useMe, useToken } from "../auth/me-query.ts";
import { Loading } from "../components/ui/card.tsx";
import { toast } from "../components/ui/toaster.tsx";
import { NotificationBell } from "../features/notifications/notification-bell.tsx";
import { useT } from "../i18n/use-t.ts";
import { wireLiveUpdates } from "../realtime/live-updates.ts";
import { closeSocket, openSocket } from "../realtime/socket.ts";
import { tokenStore } from "../session/token-store.ts";
import { shellMessages } from "./messages.ts";
import { type NavSection, navSectionOf } from "./nav-section.ts";
import { useFocusOnNavigation } from "./use-focus-on-navigation.ts";

const navLink =
  "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-800";

/** The signed-in frame: navigation for the user's role, the bell, and the tab's one live socket. */
export function AppShell() {
  const t = useT(shellMessages);
  const me = useMe();
  const token = useToken();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  // The session this page was loaded for: its cache (the user, their tickets) belongs to it.
  const session = useRef(token);

  useEffect(() => {
    if (token && token !== session.current) {
      // Another account signed in from another tab: nothing cached here is theirs to see, and the
      // role guards ran for the previous user. Start again from the new session.
      window.location.reload();
      return;
    }
    if (!token) {
      closeSocket();
      queryClient.clear();
      void navigate({
        to: "/login",
        search: { redirect: window.location.pathname + window.location.search },
      });
      return;
    }
    const socket = openSocket(token);
    return wireLiveUpdates(socket, queryClient, {
      onBreach: (event) =>
        toast({
          tone: "danger",
          title: t("slaBreached", { number: String(event.number), subject: event.subject }),
        }),
    });
  }, [token, queryClient, navigate, t]);

  const pathname = useLocation({ select: (location) => location.pathname });
  const section = navSectionOf(pathname);
  const staff = isStaff(me.user.role);
  const admin = me.user.role === "admin";
  const links = [
    { section: "home", to: "/", label: staff ? t("inbox") : t("myTickets"), shown: true },
    { section: "reports", to: "/reports", label: t("reports"), shown: admin },
    { section: "exports", to: "/reports/exports", label: t("exports"), shown: staff },
    { section: "jobs", to: "/jobs", label: t("jobs"), shown: admin },
    {
      section: "settings",
      to: admin ? "/settings/organization" : "/settings/notifications",
      label: t("settings"),
      shown: true,
    },
  ] as const satisfies readonly { section: NavSection; to: string; label: string; shown: boolean }[];
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:bg-white focus:p-2"
      >
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-2">
          <Link to="/" className="mr-4 text-lg font-bold text-indigo-800">
            {t("product")}
          </Link>
          <nav aria-label={t("mainNav")} className="flex flex-1 flex-wrap gap-1">
            {links
              .filter((link) => link.shown)
              .map((link) => (
                <Link
                  key={link.section}
                  to={link.to}
                  className={navLink}
                  // The section decides, not the link's own path: /reports/weekly lights Reports,
                  // /settings/sla lights Settings. Link marks an exact match itself.
                  activeOptions={{ exact: true, includeSearch: false }}
                  {...(section === link.section
                    ? { "data-status": "active", "aria-current": "page" as const }
                    : {})}
                >
                  {link.label}
                </Link>
              ))}
          </nav>
          <NotificationBell />
          <span className="text-sm text-slate-700" data-testid="signed-in-as">
            {me.user.name}
          </span>
          <button
            type="button"
            className="rounded-md px-3 py-2 text-sm text-slate-700 underline hover:bg-slate-100"
            onClick={() => tokenStore.clear()}
          >
            {t("signOut")}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none">
        <Suspense fallback={<Loading label={t("loading")} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
