import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { mondayOf, shiftWeek } from "./iso-week.ts";
import { reportsMessages } from "./messages.ts";

const stepLink = "rounded-md px-2 py-2 text-sm text-indigo-700 underline hover:bg-slate-100";

/** Picks an ISO week (a week field; browsers without one get text, checked the same way). */
export function WeekForm(props: { week: string | undefined; error: unknown; onSubmit(week: string): void }) {
  const t = useT(reportsMessages);
  const [invalid, setInvalid] = useState<string>();
  const previous = props.week && shiftWeek(props.week, -1);
  const next = props.week && shiftWeek(props.week, 1);
  return (
    <form
      className="mb-6 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const week = String(new FormData(event.currentTarget).get("week")).trim();
        if (!mondayOf(week)) return setInvalid(t("invalidWeek"));
        setInvalid(undefined);
        props.onSubmit(week);
      }}
    >
      <TextField
        key={props.week}
        label={t("week")}
        name="week"
        type="week"
        required
        maxLength={10}
        placeholder="2026-W49"
        defaultValue={props.week}
        error={invalid ?? fieldError(props.error, "week")}
      />
      <Button type="submit">{t("show")}</Button>
      {previous && (
        <Link to="/reports/weekly" search={{ week: previous }} className={stepLink}>
          ← {t("previousWeek")}
        </Link>
      )}
      {next && (
        <Link to="/reports/weekly" search={{ week: next }} className={stepLink}>
          {t("nextWeek")} →
        </Link>
      )}
    </form>
  );
}
