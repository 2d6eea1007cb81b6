import { fieldError } from "../../api/errors.ts";
import { TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { organizationMessages } from "./organization-messages.ts";
import type { Organization } from "./organization-settings-page.tsx";
import { SettingsFieldset } from "./settings-fieldset.tsx";

const MAX_DAYS = 3650;

/** How long closed tickets, read notifications and the e-mail log are kept. */
export function RetentionFields(props: { organization: Organization; error: unknown }) {
  const t = useT(organizationMessages);
  const { retention } = props.organization;
  const { error } = props;
  const days = { type: "number", min: 1, max: MAX_DAYS, step: 1, className: "max-w-32" } as const;
  return (
    <SettingsFieldset legend={t("retention")} intro={t("retentionIntro")}>
      <TextField
        label={t("closedTicketDays")}
        hint={t("closedTicketDaysHint")}
        name="retention.closedTicketDays"
        defaultValue={retention?.closedTicketDays ?? ""}
        error={fieldError(error, "retention.closedTicketDays")}
        {...days}
      />
      <TextField
        label={t("notificationDays")}
        hint={t("daysHint")}
        name="retention.notificationDays"
        required
        defaultValue={retention?.notificationDays}
        error={fieldError(error, "retention.notificationDays")}
        {...days}
      />
      <TextField
        label={t("emailLogDays")}
        hint={t("daysHint")}
        name="retention.emailLogDays"
        required
        defaultValue={retention?.emailLogDays}
        error={fieldError(error, "retention.emailLogDays")}
        {...days}
      />
    </SettingsFieldset>
  );
}
