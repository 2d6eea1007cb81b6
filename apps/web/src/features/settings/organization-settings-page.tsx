import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import type { paths } from "../../api/schema.gen.ts";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { FormError, SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { settingsMessages } from "./messages.ts";
import { organizationMessages } from "./organization-messages.ts";
import { RetentionFields } from "./organization-retention-fields.tsx";
import { ScheduleFields } from "./organization-schedule-fields.tsx";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import { SettingsFrame } from "./settings-frame.tsx";
import { TimeZoneField } from "./time-zone-field.tsx";

export const organizationQuery = queryOptions({
  queryKey: ["/api/v1/organization"],
  queryFn: () => call(api.GET("/api/v1/organization")),
});

export type Organization = Awaited<ReturnType<NonNullable<typeof organizationQuery.queryFn>>>;
type Changes = paths["/api/v1/organization"]["patch"]["requestBody"]["content"]["application/json"];

/** Admins: the organization's zone, auto-close, digest, weekly report and retention. */
export function OrganizationSettingsPage() {
  const t = useT(organizationMessages);
  const common = useT(settingsMessages);
  const { data, error } = useQuery(organizationQuery);
  return (
    <SettingsFrame title={t("title")}>
      {data ? (
        <OrganizationForm organization={data} />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <Loading label={common("loading")} />
      )}
    </SettingsFrame>
  );
}

/** The fields this form shows an API message under. */
const shownFields = [
  "name",
  "timezone",
  "autoCloseDays",
  "digest.hour",
  "weeklyReport.weekday",
  "weeklyReport.hour",
  "retention.closedTicketDays",
  "retention.notificationDays",
  "retention.emailLogDays",
];

/** The form as a whole: nested settings are sent complete, so what is shown is what is stored. */
function readForm(form: FormData): Changes {
  const number = (name: string) => Number(form.get(name));
  const checked = (name: string) => form.get(name) === "on";
  const closed = String(form.get("retention.closedTicketDays") ?? "").trim();
  return {
    name: String(form.get("name")).trim(),
    timezone: String(form.get("timezone")),
    autoCloseDays: number("autoCloseDays"),
    digest: {
      enabled: checked("digest.enabled"),
      hour: number("digest.hour"),
      weekdaysOnly: checked("digest.weekdaysOnly"),
    },
    weeklyReport: {
      enabled: checked("weeklyReport.enabled"),
      weekday: String(form.get("weeklyReport.weekday")) as NonNullable<Changes["weeklyReport"]>["weekday"],
      hour: number("weeklyReport.hour"),
    },
    retention: {
      closedTicketDays: closed === "" ? null : Number(closed),
      notificationDays: number("retention.notificationDays"),
      emailLogDays: number("retention.emailLogDays"),
    },
  };
}

function OrganizationForm(props: { organization: Organization }) {
  const t = useT(organizationMessages);
  const common = useT(settingsMessages);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Changes) => call(api.PATCH("/api/v1/organization", { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationQuery.queryKey, saved);
      // The name and zone every page reads come with the signed-in user.
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/me"] });
    },
  });
  const { organization } = props;
  const error = save.error;
  return (
    <form
      className="max-w-2xl space-y-4"
      onChange={() => save.isSuccess && save.reset()}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(readForm(new FormData(event.currentTarget)));
      }}
    >
      <SettingsFieldset legend={t("general")}>
        <TextField
          label={t("name")}
          hint={t("slug", { slug: organization.slug })}
          name="name"
          required
          maxLength={200}
          defaultValue={organization.name}
          error={fieldError(error, "name")}
        />
        <TimeZoneField
          label={common("timezone")}
          hint={t("timezoneHint")}
          name="timezone"
          defaultValue={organization.timezone}
          error={fieldError(error, "timezone")}
        />
        <TextField
          label={t("autoCloseDays")}
          hint={t("autoCloseDaysHint")}
          name="autoCloseDays"
          type="number"
          required
          min={1}
          max={90}
          step={1}
          defaultValue={organization.autoCloseDays}
          error={fieldError(error, "autoCloseDays")}
          className="max-w-32"
        />
      </SettingsFieldset>
      <ScheduleFields organization={organization} error={error} />
      <RetentionFields organization={organization} error={error} />
      <FormError error={error} fields={(field) => shownFields.includes(field)} />
      <SavedStatus shown={save.isSuccess}>{common("saved")}</SavedStatus>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? common("saving") : common("save")}
      </Button>
    </form>
  );
}
