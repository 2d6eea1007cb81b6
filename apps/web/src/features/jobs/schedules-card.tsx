import { useQuery } from "@tanstack/react-query";
import { Card, ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import type { Scheduler } from "./job-queries.ts";
import { schedulersQuery } from "./job-queries.ts";
import { jobsMessages } from "./messages.ts";
import { RunNowButton } from "./run-now-button.tsx";

const td = "px-3 py-2 align-top text-sm";

/** The organization's own occurrences: not BullMQ schedulers, the `reports.schedules` scan sends them. */
const organizationRuns = ["reports.digest", "reports.weekly-report"] as const;

/** Platform scans with their next run, and the organization's digest and weekly report, each to run now. */
export function SchedulesCard() {
  const t = useT(jobsMessages);
  const format = useFormat();
  const schedulers = useQuery(schedulersQuery);
  const label = (jobName: string) => {
    const key = `name.${jobName}` as Parameters<typeof t>[0];
    const text = t(key);
    return text === key ? jobName : text;
  };
  const when = (scheduler: Scheduler) =>
    scheduler.pattern
      ? t("inZone", { pattern: scheduler.pattern, zone: scheduler.timezone })
      : t("every", { seconds: format.number((scheduler.every ?? 0) / 1000) });
  const rows = [
    ...organizationRuns.map((id) => ({ id, jobName: id, when: t("perSettings"), code: false, next: "—" })),
    ...(schedulers.data?.schedulers ?? []).map((scheduler) => ({
      id: scheduler.id,
      jobName: scheduler.jobName,
      when: when(scheduler),
      code: true,
      next: scheduler.nextRunAt ? format.dateTime(scheduler.nextRunAt) : "—",
    })),
  ];
  return (
    <Card title={t("schedules")}>
      <p className="mb-4 text-sm text-slate-700">{t("schedulesIntro")}</p>
      {schedulers.error && <ErrorMessage error={schedulers.error} />}
      <DataTable caption={t("schedules")}>
        <ColumnHeaders>
          <ColumnHeader>{t("job")}</ColumnHeader>
          <ColumnHeader>{t("pattern")}</ColumnHeader>
          <ColumnHeader>{t("nextRun")}</ColumnHeader>
          <ColumnHeader>{t("action")}</ColumnHeader>
        </ColumnHeaders>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="schedule" data-scheduler-id={row.id}>
              <th scope="row" className={`${td} text-left`}>
                <span id={`schedule-${row.id}`} className="block font-medium">
                  {label(row.jobName)}
                </span>
                <span className="font-mono text-xs text-slate-700">{row.jobName}</span>
              </th>
              <td className={row.code ? `${td} font-mono text-xs` : td}>{row.when}</td>
              <td className={td}>{row.next}</td>
              <td className={td}>
                <RunNowButton id={row.id} describedBy={`schedule-${row.id}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {schedulers.isPending && <Loading label={t("loading")} />}
    </Card>
  );
}
