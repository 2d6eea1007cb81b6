import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { ApiError } from "../../api/errors.ts";
import { useMe } from "../../auth/me-query.ts";
import { Card, ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { ComplianceChart } from "./compliance-chart.tsx";
import { reportsMessages } from "./messages.ts";
import { PeriodForm } from "./period-form.tsx";
import { ReportsNav } from "./reports-nav.tsx";
import type { FiguresRow, SlaReport } from "./sla-figures.ts";
import { SlaFiguresTable } from "./sla-figures-table.tsx";
import { slaPeriod } from "./sla-period.ts";

/** The SLA report (admins): compliance over a period, per priority and per agent. */
export function SlaReportPage() {
  const t = useT(reportsMessages);
  const { organization } = useMe();
  const search = useSearch({ from: "/app/reports" });
  const navigate = useNavigate();
  const period = slaPeriod(search, organization.timezone);
  const report = useQuery({
    queryKey: ["/api/v1/reports/sla", period.query],
    queryFn: () => call(api.GET("/api/v1/reports/sla", { params: { query: period.query } })),
    placeholderData: keepPreviousData,
  });
  const fieldsRefused = report.error instanceof ApiError && Object.keys(report.error.fields).length > 0;
  return (
    <>
      <PageTitle>{t("slaReport")}</PageTitle>
      <ReportsNav />
      <PeriodForm
        from={period.fromDay}
        to={period.toDay}
        error={report.error}
        onSubmit={(next) => void navigate({ to: "/reports", search: next })}
      />
      {report.isPending ? (
        <Loading label={t("loading")} />
      ) : report.error && !fieldsRefused ? (
        <ErrorMessage error={report.error} />
      ) : (
        report.data && <SlaReportBody report={report.data} timeZone={organization.timezone} />
      )}
    </>
  );
}

function SlaReportBody({ report, timeZone }: { report: SlaReport; timeZone: string }) {
  const t = useT(reportsMessages);
  const tt = useT(ticketMessages);
  const format = useFormat();
  const byPriority: FiguresRow[] = report.byPriority.map((group) => ({
    key: group.priority,
    label: tt(`priority_${group.priority}`),
    figures: group,
  }));
  const byAgent: FiguresRow[] = report.byAgent.map((group) => ({
    key: group.agentId ?? "unassigned",
    label: group.agentId === null ? t("unassigned") : (group.agentName ?? ""),
    figures: group,
  }));
  // `to` is excluded: the period's last moment is the one just before it.
  const lastMoment = new Date(new Date(report.to).getTime() - 1);
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        {t("periodOf", { from: format.date(report.from), to: format.date(lastMoment), zone: timeZone })}
      </p>
      {byPriority.length === 0 && byAgent.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-700">
          {t("noRuns")}
        </p>
      ) : (
        <>
          <Card title={t("byPriority")}>
            <ComplianceChart caption={t("complianceChart")} rows={byPriority} />
            <SlaFiguresTable caption={t("byPriority")} groupHeader={t("priority")} rows={byPriority} />
          </Card>
          <Card title={t("byAgent")}>
            <ComplianceChart caption={t("complianceChart")} rows={byAgent} />
            <SlaFiguresTable caption={t("byAgent")} groupHeader={t("agent")} rows={byAgent} />
          </Card>
        </>
      )}
    </div>
  );
}
