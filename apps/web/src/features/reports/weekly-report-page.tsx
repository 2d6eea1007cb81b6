import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { ApiError } from "../../api/errors.ts";
import { ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";
import { ReportsNav } from "./reports-nav.tsx";
import { WeekForm } from "./week-form.tsx";
import { WeeklyAgents, WeeklySla } from "./weekly-sla.tsx";
import { WeeklyVolume } from "./weekly-volume.tsx";

/** One ISO week's figures (admins): what the weekly report e-mail sends, and where it links. */
export function WeeklyReportPage() {
  const t = useT(reportsMessages);
  const format = useFormat();
  const { week } = useSearch({ from: "/app/reports/weekly" });
  const navigate = useNavigate();
  const query = week ? { week } : {};
  // Without a week the API answers the last complete one, in the organization's zone.
  const report = useQuery({
    queryKey: ["/api/v1/reports/weekly", query],
    queryFn: () => call(api.GET("/api/v1/reports/weekly", { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const fieldsRefused = report.error instanceof ApiError && Object.keys(report.error.fields).length > 0;
  return (
    <>
      <PageTitle>
        {data ? `${t("weeklyReport")} · ${t("weekTitle", { week: data.week })}` : t("weeklyReport")}
      </PageTitle>
      <ReportsNav />
      <WeekForm
        week={week ?? data?.week}
        error={report.error}
        onSubmit={(next) => void navigate({ to: "/reports/weekly", search: { week: next } })}
      />
      {report.isPending ? (
        <Loading label={t("loading")} />
      ) : report.error && !fieldsRefused ? (
        <ErrorMessage error={report.error} />
      ) : (
        data && (
          <div className="space-y-6">
            <p className="text-sm text-slate-700">
              {t("weekRange", {
                from: format.date(data.from),
                // `to` is the next Monday's midnight: the week's last day is the one before it.
                to: format.date(new Date(new Date(data.to).getTime() - 1)),
                zone: data.timeZone,
              })}
            </p>
            <WeeklyVolume volume={data.volume} />
            <WeeklySla report={data} />
            <WeeklyAgents agents={data.agents} />
          </div>
        )
      )}
    </>
  );
}
