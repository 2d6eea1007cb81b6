import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useMe } from "../../auth/me-query.ts";
import { PageTitle } from "../../components/ui/card.tsx";
import { useT } from "../../i18n/use-t.ts";
import { settingsMessages } from "./messages.ts";

const navLink =
  "block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-800";

/** Every settings page: the pages the user's role may open beside the page itself. */
export function SettingsFrame(props: { title: string; children: ReactNode }) {
  const t = useT(settingsMessages);
  const { user } = useMe();
  const admin = user.role === "admin";
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label={t("settingsNav")}>
        <ul className="flex flex-wrap gap-1 md:flex-col">
          <li>
            <Link to="/settings/notifications" className={navLink}>
              {t("navNotifications")}
            </Link>
          </li>
          {admin && (
            <>
              <li>
                <Link to="/settings/organization" className={navLink}>
                  {t("navOrganization")}
                </Link>
              </li>
              <li>
                <Link to="/settings/sla" className={navLink}>
                  {t("navSla")}
                </Link>
              </li>
              <li>
                <Link to="/settings/users" className={navLink}>
                  {t("navUsers")}
                </Link>
              </li>
            </>
          )}
        </ul>
      </nav>
      <div className="min-w-0">
        <PageTitle>{props.title}</PageTitle>
        {props.children}
      </div>
    </div>
  );
}
