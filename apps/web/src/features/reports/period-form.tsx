import { useState } from "react";
import { fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { reportsMessages } from "./messages.ts";

/** The API takes at most 366 days, `to` excluded: 365 days between the first and the last day. */
const MAX_SPAN_DAYS = 365;
const DAY_MS = 86_400_000;

/** Two days, the last included, checked as the API checks them before the page asks it. */
export function PeriodForm(props: {
  from: string;
  to: string;
  /** The API's refusal, shown under the field it names. */
  error: unknown;
  onSubmit(period: { from: string; to: string }): void;
}) {
  const t = useT(reportsMessages);
  const [invalid, setInvalid] = useState<string>();
  return (
    <form
      className="mb-6 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const from = String(form.get("from"));
        const to = String(form.get("to"));
        const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
        if (span < 0) return setInvalid(t("toBeforeFrom"));
        if (span > MAX_SPAN_DAYS) return setInvalid(t("periodTooLong"));
        setInvalid(undefined);
        props.onSubmit({ from, to });
      }}
    >
      <TextField
        key={`from-${props.from}`}
        label={t("from")}
        name="from"
        type="date"
        required
        defaultValue={props.from}
        error={fieldError(props.error, "from")}
      />
      <TextField
        key={`to-${props.to}`}
        label={t("to")}
        name="to"
        type="date"
        required
        defaultValue={props.to}
        error={invalid ?? fieldError(props.error, "to")}
      />
      <Button type="submit">{t("show")}</Button>
    </form>
  );
}
