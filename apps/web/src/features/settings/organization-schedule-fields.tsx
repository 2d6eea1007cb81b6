import { fieldError } from "../../api/errors.ts";
import { CheckboxField } from "../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { organizationMessages } from "./organization-messages.ts";
import type { Organization } from "./organization-settings-page.tsx";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import { useWeek, weekdays } from "./use-week.ts";

/** When the daily digest and the weekly report go out, in the organization's time zone. */
export function ScheduleFields(props: { organization: Organization; error: unknown }) {
  const t = useT(organizationMessages);
  const week = useWeek();
  const { digest, weeklyReport } = props.organization;
  const { error } = props;
  const hourOptions = week.hours.map((hour) => (
    <option key={hour} value={hour}>
      {week.hourName(hour)}
    </option>
  ));
  return (
    <>
      <SettingsFieldset legend={t("digest")}>
        <CheckboxField label={t("digestEnabled")} name="digest.enabled" defaultChecked={digest?.enabled} />
        <SelectField
          label={t("digestHour")}
          name="digest.hour"
          defaultValue={digest?.hour}
          error={fieldError(error, "digest.hour")}
          className="max-w-40"
        >
          {hourOptions}
        </SelectField>
        <CheckboxField
          label={t("digestWeekdaysOnly")}
          name="digest.weekdaysOnly"
          defaultChecked={digest?.weekdaysOnly}
        />
      </SettingsFieldset>
      <SettingsFieldset legend={t("weeklyReport")}>
        <CheckboxField
          label={t("weeklyReportEnabled")}
          name="weeklyReport.enabled"
          defaultChecked={weeklyReport?.enabled}
        />
        <div className="flex flex-wrap gap-4">
          <SelectField
            label={t("weeklyReportWeekday")}
            name="weeklyReport.weekday"
            defaultValue={weeklyReport?.weekday}
            error={fieldError(error, "weeklyReport.weekday")}
          >
            {weekdays.map((day) => (
              <option key={day} value={day}>
                {week.dayName(day)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("weeklyReportHour")}
            name="weeklyReport.hour"
            defaultValue={weeklyReport?.hour}
            error={fieldError(error, "weeklyReport.hour")}
          >
            {hourOptions}
          </SelectField>
        </div>
      </SettingsFieldset>
    </>
  );
}
