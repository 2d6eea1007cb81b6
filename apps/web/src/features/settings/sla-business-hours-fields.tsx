import { fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { CheckboxField } from "../../components/ui/checkbox-field.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { settingsMessages } from "./messages.ts";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import { type Draft, type Interval, newInterval } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";
import { TimeZoneField } from "./time-zone-field.tsx";
import { useWeek, type Weekday, weekdays } from "./use-week.ts";

// The API's own patterns: a start from 00:00 to 23:59, an end up to 24:00.
const START = "([01][0-9]|2[0-3]):[0-5][0-9]";
const END = `${START}|24:00`;

/** After the day's last interval, or office hours on an empty day. */
function nextInterval(intervals: Interval[]): Interval {
  const last = intervals.at(-1);
  if (!last || last.end >= "23:00") return newInterval("09:00", "17:00");
  const hour = Number(last.end.slice(0, 2)) + 1;
  return newInterval(last.end, `${String(Math.min(hour, 24)).padStart(2, "0")}:${last.end.slice(3)}`);
}

/** The calendar deadlines count in: a time zone and, per weekday, its open intervals. */
export function SlaBusinessHoursFields(props: {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  error: unknown;
}) {
  const t = useT(slaMessages);
  const common = useT(settingsMessages);
  const week = useWeek();
  const { draft, change, error } = props;
  const setDay = (day: Weekday, intervals: Interval[]) =>
    change({ weekly: { ...draft.weekly, [day]: intervals } });
  const weekError = fieldError(error, "businessHours.weekly");

  return (
    <SettingsFieldset legend={t("businessHours")}>
      <CheckboxField
        label={t("useBusinessHours")}
        hint={t("useBusinessHoursHint")}
        checked={draft.hoursOn}
        onChange={(event) => change({ hoursOn: event.target.checked })}
      />
      {draft.hoursOn && (
        <>
          <TimeZoneField
            label={common("timezone")}
            name="businessHours.timezone"
            value={draft.timezone}
            onChange={(timezone) => change({ timezone })}
            error={fieldError(error, "businessHours.timezone")}
          />
          {weekError && (
            <p className="text-sm text-red-700" data-field-error>
              {weekError}
            </p>
          )}
          <p className="text-xs text-slate-600">{t("timeHint")}</p>
          <div className="divide-y divide-slate-100">
            {weekdays.map((day) => {
              const intervals = draft.weekly[day];
              const dayError = fieldError(error, `businessHours.weekly.${day}`);
              return (
                <fieldset key={day} className="flex flex-wrap items-start gap-3 py-2">
                  <legend className="float-left w-28 pt-1.5 text-sm font-medium">{week.dayName(day)}</legend>
                  <div className="flex-1 space-y-2">
                    {intervals.length === 0 && <p className="pt-1.5 text-sm text-slate-600">{t("closed")}</p>}
                    {intervals.map((interval, i) => {
                      const path = `businessHours.weekly.${day}.${i}`;
                      const update = (patch: Partial<Interval>) =>
                        setDay(
                          day,
                          intervals.map((other, j) => (j === i ? { ...other, ...patch } : other)),
                        );
                      return (
                        <div key={interval.key} className="space-y-1">
                          <div className="flex flex-wrap items-end gap-2">
                            <TextField
                              label={t("opens")}
                              name={`${path}.start`}
                              value={interval.start}
                              onChange={(event) => update({ start: event.target.value })}
                              required
                              pattern={START}
                              maxLength={5}
                              placeholder="09:00"
                              fieldClassName="w-24"
                              error={fieldError(error, `${path}.start`)}
                            />
                            <TextField
                              label={t("closes")}
                              name={`${path}.end`}
                              value={interval.end}
                              onChange={(event) => update({ end: event.target.value })}
                              required
                              pattern={END}
                              maxLength={5}
                              placeholder="17:00"
                              fieldClassName="w-24"
                              error={fieldError(error, `${path}.end`)}
                            />
                            <Button
                              variant="ghost"
                              size="sm"
                              className="mb-1"
                              aria-label={t("removeHoursFor", {
                                day: week.dayInSentence(day),
                                start: interval.start,
                                end: interval.end,
                              })}
                              onClick={() =>
                                setDay(
                                  day,
                                  intervals.filter((_, j) => j !== i),
                                )
                              }
                            >
                              {t("removeHours")}
                            </Button>
                          </div>
                          {fieldError(error, path) && (
                            <p className="text-sm text-red-700" data-field-error>
                              {fieldError(error, path)}
                            </p>
                          )}
                        </div>
                      );
                    })}
                    {dayError && <p className="text-sm text-red-700">{dayError}</p>}
                  </div>
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t("addHoursFor", { day: week.dayInSentence(day) })}
                    onClick={() => setDay(day, [...intervals, nextInterval(intervals)])}
                  >
                    {t("addHours")}
                  </Button>
                </fieldset>
              );
            })}
          </div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() =>
              change({
                weekly: {
                  ...draft.weekly,
                  ...Object.fromEntries(
                    (["tue", "wed", "thu", "fri"] as const).map((day) => [
                      day,
                      draft.weekly.mon.map((i) => ({ ...i })),
                    ]),
                  ),
                },
              })
            }
          >
            {t("copyMonday")}
          </Button>
        </>
      )}
    </SettingsFieldset>
  );
}
