import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Card, ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { useT } from "../../i18n/use-t.ts";
import { DeadLetterItem } from "./dead-letter-item.tsx";
import { type DeadLetterFilters, deadLettersQuery, jobStatsQuery } from "./job-queries.ts";
import { jobsMessages } from "./messages.ts";

/** The organization's dead letters, newest first, filtered by queue and by whether retried. */
export function DeadLettersCard() {
  const t = useT(jobsMessages);
  const checkboxId = useId();
  const [queue, setQueue] = useState("");
  const [notRetried, setNotRetried] = useState(false);
  const queues = (useQuery(jobStatsQuery).data?.queues ?? []).map((row) => row.queue);
  const filters: DeadLetterFilters = {
    ...(queue ? { queue } : {}),
    ...(notRetried ? { retried: "false" } : {}),
  };
  const list = useInfiniteQuery(deadLettersQuery(filters));
  const letters = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <Card title={t("deadLetters")}>
      <p className="mb-4 text-sm text-slate-700">{t("deadLettersIntro")}</p>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <SelectField
          label={t("queue")}
          name="queue"
          fieldClassName="w-56"
          value={queue}
          onChange={(event) => setQueue(event.target.value)}
        >
          <option value="">{t("anyQueue")}</option>
          {queues.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <div className="flex items-center gap-2 pb-2">
          <input
            id={checkboxId}
            type="checkbox"
            name="retried"
            className="h-4 w-4 accent-indigo-700"
            checked={notRetried}
            onChange={(event) => setNotRetried(event.target.checked)}
          />
          <label htmlFor={checkboxId} className="text-sm text-slate-800">
            {t("onlyNotRetried")}
          </label>
        </div>
      </div>
      {list.isPending ? (
        <Loading label={t("loading")} />
      ) : list.error ? (
        <ErrorMessage error={list.error} />
      ) : letters.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noDeadLetters")}</p>
      ) : (
        <ul className="space-y-4">
          {letters.map((letter) => (
            <DeadLetterItem key={letter.id} letter={letter} />
          ))}
        </ul>
      )}
      <LoadMoreButton list={list} label={t("loadMore")} loadingLabel={t("loading")} className="mt-3" />
    </Card>
  );
}
