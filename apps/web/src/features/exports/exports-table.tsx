import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { useExportLabels } from "./export-labels.ts";
import { exportsListQuery } from "./export-queries.ts";
import { ExportStatusBadge } from "./export-status-badge.tsx";
import { exportsMessages } from "./messages.ts";

const td = "px-3 py-2 text-sm";

export function ExportsTable(props: { caption: string }) {
  const t = useT(exportsMessages);
  const format = useFormat();
  const labels = useExportLabels();
  const list = useInfiniteQuery(exportsListQuery);
  if (list.isPending) return <Loading label={t("loading")} />;
  if (list.error) return <ErrorMessage error={list.error} />;
  const rows = list.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <>
      <DataTable caption={props.caption}>
        <ColumnHeaders>
          <ColumnHeader>{t("type")}</ColumnHeader>
          <ColumnHeader>{t("period")}</ColumnHeader>
          <ColumnHeader>{t("state")}</ColumnHeader>
          <ColumnHeader>{t("rows")}</ColumnHeader>
          <ColumnHeader>{t("requested")}</ColumnHeader>
        </ColumnHeaders>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="export-row" data-export-id={row.id}>
              <th scope="row" className={`${td} text-left font-medium`}>
                <Link
                  to="/reports/exports/$id"
                  params={{ id: row.id }}
                  className="text-indigo-700 underline hover:text-indigo-900"
                >
                  {t(row.type)}
                </Link>
              </th>
              <td className={td}>{labels.period(row.params)}</td>
              <td className={td}>
                <ExportStatusBadge status={row.status} />
                {row.status === "running" && (
                  <span className="ml-2 text-slate-700 tabular-nums">
                    {format.percent(row.progress / 100)}
                  </span>
                )}
              </td>
              <td className={`${td} tabular-nums`}>
                {row.rowCount === null ? "" : format.number(row.rowCount)}
              </td>
              <td className={td}>{format.dateTime(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <LoadMoreButton list={list} label={t("loadMore")} loadingLabel={t("loading")} className="mt-3" />
    </>
  );
}
