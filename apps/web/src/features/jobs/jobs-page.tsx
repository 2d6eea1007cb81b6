import { PageTitle } from "../../components/ui/card.tsx";
import { useT } from "../../i18n/use-t.ts";
import { DeadLettersCard } from "./dead-letters-card.tsx";
import { jobsMessages } from "./messages.ts";
import { QueueCountsTable } from "./queue-counts-table.tsx";
import { SchedulesCard } from "./schedules-card.tsx";
import { ThroughputCard } from "./throughput-card.tsx";

/** The organization's jobs (admins): queues, throughput, dead letters to retry, schedules to run now. */
export function JobsPage() {
  const t = useT(jobsMessages);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <div className="space-y-6">
        <QueueCountsTable />
        <ThroughputCard />
        <DeadLettersCard />
        <SchedulesCard />
      </div>
    </>
  );
}
