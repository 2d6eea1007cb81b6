import { useQueries, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { chartColors, LineChart } from "../../components/ui/charts.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { jobStatsQuery, queueStatsQuery } from "./job-queries.ts";
import { jobsMessages } from "./messages.ts";

const MINUTE_MS = 60_000;
const ALL = "";

/** Completed and failed jobs per minute over the last hour, oldest first, for one queue or all. */
export function ThroughputCard() {
  const t = useT(jobsMessages);
  const format = useFormat();
  const [shown, setShown] = useState(ALL);
  const queues = (useQuery(jobStatsQuery).data?.queues ?? []).map((queue) => queue.queue);
  const chosen = shown === ALL ? queues : [shown];
  const stats = useQueries({ queries: chosen.map(queueStatsQuery) });
  const loaded = stats.filter((result) => result.data).map((result) => result.data?.perMinute);
  const error = stats.find((result) => result.error)?.error;
  const fetchedAt = Math.max(0, ...stats.map((result) => result.dataUpdatedAt));
  // The API's series are 60 minutes, the last one the current minute.
  const data = Array.from({ length: 60 }, (_, i) => ({
    minute: format.time(fetchedAt - (59 - i) * MINUTE_MS),
    completed: loaded.reduce((sum, series) => sum + (series?.completed[i] ?? 0), 0),
    failed: loaded.reduce((sum, series) => sum + (series?.failed[i] ?? 0), 0),
  }));
  const total = (key: "completed" | "failed") => data.reduce((sum, point) => sum + point[key], 0);
  const queueLabel = shown === ALL ? t("allQueues") : shown;
  return (
    <Card title={t("throughput")}>
      <SelectField
        label={t("chartQueue")}
        fieldClassName="mb-4 max-w-xs"
        value={shown}
        onChange={(event) => setShown(event.target.value)}
      >
        <option value={ALL}>{t("allQueues")}</option>
        {queues.map((queue) => (
          <option key={queue} value={queue}>
            {queue}
          </option>
        ))}
      </SelectField>
      {error ? (
        <ErrorMessage error={error} />
      ) : loaded.length === 0 ? (
        <Loading label={t("loading")} />
      ) : (
        <>
          <LineChart
            caption={t("perMinuteChart", { queue: queueLabel })}
            data={data}
            categoryKey="minute"
            formatValue={format.number}
            series={[
              { key: "completed", label: t("completed"), color: chartColors.teal },
              { key: "failed", label: t("failed"), color: chartColors.red },
            ]}
          />
          <p className="mt-2 text-sm text-slate-700" data-testid="throughput-summary">
            {t("lastHour", {
              completed: format.number(total("completed")),
              failed: format.number(total("failed")),
            })}
          </p>
        </>
      )}
    </Card>
  );
}
