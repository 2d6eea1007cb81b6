import { ProgressBar } from "../../components/ui/progress-bar.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { type ExportView, useProgressEvent } from "./export-queries.ts";
import { exportsMessages } from "./messages.ts";

/**
 * How far the file is written. While it runs, the socket's latest event is the freshest figure
 * (the export itself is read again after each one); a ready file is complete.
 */
export function ExportProgress({ exp }: { exp: ExportView }) {
  const t = useT(exportsMessages);
  const format = useFormat();
  const event = useProgressEvent(exp.id);
  const live = exp.status === "running" ? event : undefined;
  const progress = exp.status === "ready" ? 100 : (live?.progress ?? exp.progress);
  const rows =
    live && t("rowsDone", { done: format.number(live.rowsDone), total: format.number(live.total) });
  return (
    <div className="space-y-1">
      <ProgressBar
        value={progress}
        label={t("progressLabel")}
        valueText={[format.percent(progress / 100), rows].filter(Boolean).join(", ")}
      />
      <p className="flex justify-between text-sm text-slate-700">
        <span>
          {exp.status === "queued" ? t("waiting") : exp.status === "running" ? (rows ?? t("writing")) : ""}
        </span>
        <span className="tabular-nums">{format.percent(progress / 100)}</span>
      </p>
    </div>
  );
}
