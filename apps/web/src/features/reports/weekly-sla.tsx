import { Card } from "../../components/ui/card.tsx";
import { BarChart, chartColors } from "../../components/ui/charts.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";
import { type FiguresRow, targets, type WeeklyReport } from "./sla-figures.ts";
import { SlaFiguresTable } from "./sla-figures-table.tsx";

/** The week's SLA deadlines met and breached, for the organization and then per agent. */
export function WeeklySla({ report }: { report: WeeklyReport }) {
  const t = useT(reportsMessages);
  const metBreached = targets.map((target) => ({
    label: t(target),
    met: report.sla.targets[target].met,
    breached: report.sla.targets[target].breached,
  }));
  return (
    <Card title={t("slaTitle")}>
      <BarChart
        caption={t("metBreachedChart")}
        data={metBreached}
        categoryKey="label"
        stacked
        series={[
          { key: "met", label: t("met"), color: chartColors.teal },
          { key: "breached", label: t("breached"), color: chartColors.red },
        ]}
      />
      <SlaFiguresTable
        caption={t("slaTitle")}
        groupHeader={t("group")}
        rows={[{ key: "all", label: t("allTickets"), figures: report.sla }]}
      />
    </Card>
  );
}

export function WeeklyAgents({ agents }: { agents: WeeklyReport["agents"] }) {
  const t = useT(reportsMessages);
  const format = useFormat();
  const resolved = new Map(agents.map((agent) => [agent.agentId, agent.resolved]));
  const rows: FiguresRow[] = agents.map((agent) => ({
    key: agent.agentId,
    label: agent.agentName,
    figures: agent,
  }));
  return (
    <Card title={t("agents")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noAgents")}</p>
      ) : (
        <>
          <BarChart
            caption={t("resolvedChart")}
            data={agents.map((agent) => ({ label: agent.agentName, resolved: agent.resolved }))}
            categoryKey="label"
            series={[{ key: "resolved", label: t("resolvedColumn"), color: chartColors.indigo }]}
          />
          <SlaFiguresTable
            caption={t("agents")}
            groupHeader={t("agent")}
            rows={rows}
            extra={{ header: t("resolvedColumn"), cell: (row) => format.number(resolved.get(row.key) ?? 0) }}
          />
        </>
      )}
    </Card>
  );
}
