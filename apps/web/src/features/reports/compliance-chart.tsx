import { BarChart, chartColors } from "../../components/ui/charts.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";
import type { FiguresRow } from "./sla-figures.ts";

/** Each group's compliance per target, side by side; a target without deadlines has no bar. */
export function ComplianceChart(props: { caption: string; rows: FiguresRow[] }) {
  const t = useT(reportsMessages);
  const format = useFormat();
  const data = props.rows.map((row) => ({
    label: row.label,
    firstResponse: row.figures.targets.firstResponse.compliance,
    nextResponse: row.figures.targets.nextResponse.compliance,
    resolution: row.figures.targets.resolution.compliance,
  }));
  return (
    <BarChart
      caption={props.caption}
      data={data}
      categoryKey="label"
      max={100}
      formatValue={(value) => format.percent(value / 100)}
      series={[
        { key: "firstResponse", label: t("firstResponse"), color: chartColors.indigo },
        { key: "nextResponse", label: t("nextResponse"), color: chartColors.teal },
        { key: "resolution", label: t("resolution"), color: chartColors.amber },
      ]}
    />
  );
}
