import { useState } from "react";
import { fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import type { Draft } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";
import { useWeek } from "./use-week.ts";

/** Days closed all day: picked one at a time, kept in date order, none twice. */
export function SlaHolidaysFields(props: {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  error: unknown;
}) {
  const t = useT(slaMessages);
  const week = useWeek();
  const [picked, setPicked] = useState("");
  const { holidays } = props.draft;
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(picked)) return;
    if (!holidays.includes(picked)) props.change({ holidays: [...holidays, picked].sort() });
    setPicked("");
  };
  const listError = fieldError(props.error, "businessHours.holidays");
  return (
    <SettingsFieldset legend={t("holidays")} intro={t("holidaysIntro")}>
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label={t("holidayDate")}
          type="date"
          value={picked}
          onChange={(event) => setPicked(event.target.value)}
          onKeyDown={(event) => {
            // Enter adds the date rather than submitting the whole policy.
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
          fieldClassName="w-44"
        />
        <Button variant="secondary" size="sm" className="mb-1" disabled={!picked} onClick={add}>
          {t("addHoliday")}
        </Button>
      </div>
      {listError && (
        <p className="text-sm text-red-700" data-field-error>
          {listError}
        </p>
      )}
      {holidays.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noHolidays")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {holidays.map((day, i) => {
            const problem = fieldError(props.error, `businessHours.holidays.${i}`);
            return (
              <li
                key={day}
                className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pr-1 pl-3 text-sm"
              >
                <time dateTime={day}>{week.dateName(day)}</time>
                {problem && <span className="text-red-700">: {problem}</span>}
                <input type="hidden" name={`businessHours.holidays.${i}`} value={day} />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t("removeHoliday", { date: week.dateName(day) })}
                  onClick={() => props.change({ holidays: holidays.filter((other) => other !== day) })}
                >
                  ×
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </SettingsFieldset>
  );
}
