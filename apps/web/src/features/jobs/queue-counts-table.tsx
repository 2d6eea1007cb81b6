import { useQueries, useQuery } from "@tanstack/react-query";
import { Badge } from "../../components/ui/badge.tsx";
import { Card, ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { jobStatsQuery, queueStatsQuery } from "./job-queries.ts";
import { jobsMessages } from "./messages.ts";

const states = ["waiting", "active", "delayed", "prioritized", "completed", "failed"] as const;
const td = "px-3 py-2 text-sm tabular-nums";

/** Each queue's jobs of the organization by state, and how long its recent jobs took. */
export function QueueCountsTable() {
  const t = useT(jobsMessages);
  const format = useFormat();
  const stats = useQuery(jobStatsQuery);
  const queues = stats.data?.queues ?? [];
  const perQueue = useQueries({ queries: queues.map((queue) => queueStatsQuery(queue.queue)) });
  const average = new Map(queues.map((queue, i) => [queue.queue, perQueue[i]?.data?.averageProcessingMs]));
  return (
    <Card title={t("queues")}>
      {stats.isPending ? (
        <Loading label={t("loading")} />
      ) : stats.error ? (
        <ErrorMessage error={stats.error} />
      ) : (
        <>
          <DataTable caption={t("queues")}>
            <ColumnHeaders>
              <ColumnHeader>{t("queue")}</ColumnHeader>
              {states.map((state) => (
                <ColumnHeader key={state} className="text-right">
                  {t(state)}
                </ColumnHeader>
              ))}
              <ColumnHeader className="text-right">{t("averageTime")}</ColumnHeader>
              <ColumnHeader>{t("state")}</ColumnHeader>
            </ColumnHeaders>
            <tbody className="divide-y divide-slate-100">
              {queues.map((queue) => {
                const ms = average.get(queue.queue);
                return (
                  <tr key={queue.queue} data-testid="queue-row" data-queue={queue.queue}>
                    <th scope="row" className={`${td} text-left font-mono font-medium`}>
                      {queue.queue}
                    </th>
                    {states.map((state) => (
                      <td key={state} className={`${td} text-right`}>
                        {format.number(queue.counts[state])}
                      </td>
                    ))}
                    <td className={`${td} text-right`}>
                      {ms === null || ms === undefined ? "—" : format.milliseconds(ms)}
                    </td>
                    <td className={td}>
                      <Badge tone={queue.paused ? "amber" : "green"}>
                        {queue.paused ? t("paused") : t("running")}
                      </Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
          {queues.some((queue) => queue.truncated) && (
            <p className="mt-2 text-sm text-slate-700">{t("truncated")}</p>
          )}
        </>
      )}
    </Card>
  );
}
