import { Card } from "../../components/ui/card.tsx";
import { BarChart, chartColors } from "../../components/ui/charts.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { ticketPriorities, ticketStatuses } from "../tickets/ticket-queries.ts";
import { reportsMessages } from "./messages.ts";
import type { WeeklyReport } from "./sla-figures.ts";

type Volume = WeeklyReport["volume"];

/** Tickets created and resolved in the week, and the created ones by status and by priority. */
export function WeeklyVolume({ volume }: { volume: Volume }) {
  const t = useT(reportsMessages);
  const tt = useT(ticketMessages);
  const format = useFormat();
  const byStatus = ticketStatuses.map((status) => ({
    label: tt(`status_${status}`),
    count: volume.byStatus[status],
  }));
  const byPriority = ticketPriorities.map((priority) => ({
    label: tt(`priority_${priority}`),
    count: volume.byPriority[priority],
  }));
  const series = [{ key: "count", label: t("count"), color: chartColors.indigo }];
  return (
    <Card title={t("volume")}>
      <dl className="mb-4 grid grid-cols-2 gap-4 sm:max-w-md">
        {[
          [t("created"), volume.created],
          [t("resolvedInWeek"), volume.resolved],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md bg-slate-50 p-3">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-2xl font-semibold">{format.number(Number(value))}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <BarChart caption={t("byStatusChart")} data={byStatus} categoryKey="label" series={series} />
          <CountsTable caption={t("byStatusTable")} header={t("status")} rows={byStatus} />
        </div>
        <div className="min-w-0">
          <BarChart caption={t("byPriorityChart")} data={byPriority} categoryKey="label" series={series} />
          <CountsTable caption={t("byPriorityTable")} header={t("priority")} rows={byPriority} />
        </div>
      </div>
    </Card>
  );
}

function CountsTable(props: { caption: string; header: string; rows: { label: string; count: number }[] }) {
  const t = useT(reportsMessages);
  const format = useFormat();
  return (
    <table className="mt-2 w-full text-sm">
      <caption className="sr-only">{props.caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-700">
          <th scope="col" className="py-1 font-semibold">
            {props.header}
          </th>
          <th scope="col" className="py-1 text-right font-semibold">
            {t("count")}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.label} className="border-b border-slate-100">
            <th scope="row" className="py-1 text-left font-normal">
              {row.label}
            </th>
            <td className="py-1 text-right tabular-nums">{format.number(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
