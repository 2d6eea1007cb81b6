import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { ApiError } from "../../api/errors.ts";
import { Card, ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ReportsNav } from "../reports/reports-nav.tsx";
import { useExportLabels } from "./export-labels.ts";
import { ExportProgress } from "./export-progress.tsx";
import { type ExportView, exportQuery } from "./export-queries.ts";
import { ExportStatusBadge } from "./export-status-badge.tsx";
import { exportsMessages } from "./messages.ts";

/** One export (the ready e-mail links here): its progress live, then a fresh download link. */
export function ExportPage() {
  const t = useT(exportsMessages);
  const { id } = useParams({ from: "/app/reports/exports/$id" });
  const query = useQuery(exportQuery(id));
  const exp = query.data;
  return (
    <>
      <PageTitle>{exp ? t("exportTitle", { type: t(exp.type) }) : t("exports")}</PageTitle>
      <ReportsNav />
      {query.isPending ? (
        <Loading label={t("loading")} />
      ) : exp ? (
        <ExportDetails exp={exp} />
      ) : (
        <ErrorMessage
          error={
            query.error instanceof ApiError && [400, 404].includes(query.error.status)
              ? t("notFound")
              : query.error
          }
        />
      )}
    </>
  );
}

function ExportDetails({ exp }: { exp: ExportView }) {
  const t = useT(exportsMessages);
  const format = useFormat();
  const labels = useExportLabels();
  const facts: [string, string][] = [
    [t("period"), labels.period(exp.params)],
    [t("filters"), labels.filters(exp.params.filters)],
    [t("requested"), format.dateTime(exp.createdAt)],
  ];
  if (exp.finishedAt) facts.push([t("finished"), format.dateTime(exp.finishedAt)]);
  return (
    <Card>
      <p className="mb-4 flex items-center gap-2 text-sm" aria-live="polite">
        <span className="font-medium">{t("state")}:</span>
        <ExportStatusBadge status={exp.status} />
      </p>
      {(exp.status === "queued" || exp.status === "running" || exp.status === "ready") && (
        <ExportProgress exp={exp} />
      )}
      {exp.status === "ready" && exp.downloadUrl && (
        <div className="mt-4 space-y-2">
          <a
            href={exp.downloadUrl}
            download
            data-testid="export-download"
            className="inline-flex items-center rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {t("download")}
          </a>
          <p className="text-sm text-slate-700">
            {t("readyNote", {
              count: exp.rowCount ?? 0,
              rows: format.number(exp.rowCount ?? 0),
              date: exp.expiresAt ? format.dateTime(exp.expiresAt) : "",
            })}
          </p>
        </div>
      )}
      {exp.status === "failed" && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{t("failedTitle")}</p>
          {exp.error && <p data-testid="export-error">{exp.error}</p>}
        </div>
      )}
      {exp.status === "expired" && <p className="text-sm text-slate-700">{t("expiredNote")}</p>}
      <dl className="mt-6 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
