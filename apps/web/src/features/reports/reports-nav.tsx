import { Link } from "@tanstack/react-router";
import { useMe } from "../../auth/me-query.ts";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";

const tab =
  "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-800";

/** Moves between the report pages; agents see exports only, so they get no sub-navigation. */
export function ReportsNav() {
  const t = useT(reportsMessages);
  const me = useMe();
  if (me.user.role !== "admin") return null;
  return (
    <nav aria-label={t("reportsNav")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 pb-2">
      <Link to="/reports" search={{}} className={tab} activeOptions={{ exact: true, includeSearch: false }}>
        {t("slaReport")}
      </Link>
      <Link to="/reports/weekly" search={{}} className={tab} activeOptions={{ includeSearch: false }}>
        {t("weeklyReport")}
      </Link>
      <Link to="/reports/exports" className={tab}>
        {t("exports")}
      </Link>
    </nav>
  );
}
