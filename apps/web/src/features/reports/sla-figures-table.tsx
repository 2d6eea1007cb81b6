import type { ReactNode } from "react";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";
import { type FiguresRow, type GroupFigures, targets } from "./sla-figures.ts";

const td = "px-3 py-2 align-top text-sm";

/**
 * SLA figures per group: each target's compliance with its met/breached counts, and the median and
 * 90th percentile of the times to first response and to resolution.
 */
export function SlaFiguresTable(props: {
  caption: string;
  groupHeader: string;
  rows: FiguresRow[];
  /** A column after the group's name (the weekly report's resolved count). */
  extra?: { header: string; cell: (row: FiguresRow) => ReactNode };
}) {
  const t = useT(reportsMessages);
  return (
    <DataTable caption={props.caption} className="mt-4">
      <ColumnHeaders>
        <ColumnHeader>{props.groupHeader}</ColumnHeader>
        {props.extra && <ColumnHeader>{props.extra.header}</ColumnHeader>}
        {targets.map((target) => (
          <ColumnHeader key={target}>{t(target)}</ColumnHeader>
        ))}
        <ColumnHeader>{t("firstResponseTime")}</ColumnHeader>
        <ColumnHeader>{t("resolutionTime")}</ColumnHeader>
      </ColumnHeaders>
      <tbody className="divide-y divide-slate-100">
        {props.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className={`${td} text-left font-medium`}>
              {row.label}
            </th>
            {props.extra && <td className={td}>{props.extra.cell(row)}</td>}
            {targets.map((target) => (
              <td key={target} className={td}>
                <TargetCell figures={row.figures.targets[target]} />
              </td>
            ))}
            <td className={td}>
              <TimeCell times={row.figures.firstResponseSeconds} />
            </td>
            <td className={td}>
              <TimeCell times={row.figures.resolutionSeconds} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

function Missing() {
  const t = useT(reportsMessages);
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("none")}</span>
    </>
  );
}

function TargetCell({ figures }: { figures: GroupFigures["targets"]["firstResponse"] }) {
  const t = useT(reportsMessages);
  const format = useFormat();
  return (
    <>
      <div className="font-medium">
        {figures.compliance === null ? <Missing /> : format.percent(figures.compliance / 100)}
      </div>
      <div className="text-xs text-slate-600">
        {t("metBreached", { met: format.number(figures.met), breached: format.number(figures.breached) })}
        {" · "}
        {t("tickets", { count: figures.tickets })}
      </div>
    </>
  );
}

function TimeCell({ times }: { times: GroupFigures["firstResponseSeconds"] }) {
  const t = useT(reportsMessages);
  const format = useFormat();
  if (times.median === null) return <Missing />;
  return (
    <>
      <div>{t("median", { value: format.duration(times.median) })}</div>
      {times.p90 !== null && (
        <div className="text-xs text-slate-600">{t("p90", { value: format.duration(times.p90) })}</div>
      )}
    </>
  );
}
