import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import { useMe } from "../../auth/me-query.ts";
import { Badge } from "../../components/ui/badge.tsx";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { FormError, SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { settingsMessages } from "./messages.ts";
import { SettingsFrame } from "./settings-frame.tsx";

const preferencesQuery = queryOptions({
  queryKey: ["/api/v1/me/notification-preferences"],
  queryFn: () => call(api.GET("/api/v1/me/notification-preferences")),
});

type Preference = Awaited<ReturnType<NonNullable<typeof preferencesQuery.queryFn>>>["preferences"][number];
type PreferenceType = Preference["type"];

const typeLabels = {
  "ticket.created": "type_ticket_created",
  "message.added": "type_message_added",
  "ticket.assigned": "type_ticket_assigned",
  "ticket.status_changed": "type_ticket_status_changed",
  "sla.warning": "type_sla_warning",
  "sla.breached": "type_sla_breached",
} as const satisfies Record<PreferenceType, string>;

/** Kinds a customer can never receive (assignment, SLA) are not offered to them. */
const customerTypes: readonly PreferenceType[] = ["ticket.created", "message.added", "ticket.status_changed"];

/** The user's e-mail choice per notification type; in-app is always on. */
export function NotificationSettingsPage() {
  const t = useT(settingsMessages);
  const { data, error } = useQuery(preferencesQuery);
  return (
    <SettingsFrame title={t("notificationsTitle")}>
      {data ? (
        <PreferencesForm preferences={data.preferences} />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <Loading label={t("loading")} />
      )}
    </SettingsFrame>
  );
}

function PreferencesForm(props: { preferences: Preference[] }) {
  const t = useT(settingsMessages);
  const { user } = useMe();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(() => new Map(props.preferences.map((p) => [p.type, p.email])));
  const save = useMutation({
    mutationFn: async () => {
      // Only what changed: an untouched type keeps following its default.
      const changed = props.preferences
        .filter((p) => email.get(p.type) !== p.email)
        .map((p) => ({ type: p.type, email: email.get(p.type) ?? p.email }));
      if (changed.length === 0) return { preferences: props.preferences };
      return call(api.PUT("/api/v1/me/notification-preferences", { body: { preferences: changed } }));
    },
    onSuccess: (saved) => queryClient.setQueryData(preferencesQuery.queryKey, saved),
  });
  const customer = user.role === "customer";
  const shown = props.preferences.filter((p) => !customer || customerTypes.includes(p.type));
  const label = (type: PreferenceType) =>
    customer && type === "ticket.created" ? t("type_ticket_created_customer") : t(typeLabels[type]);

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-sm text-slate-700">{t("notificationsIntro")}</p>
      <table className="w-full max-w-2xl border-collapse rounded-lg bg-white text-sm shadow-xs">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("notificationType")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("inApp")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("byEmail")}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((preference) => {
            const index = props.preferences.indexOf(preference);
            const problem = fieldError(save.error, `preferences.${index}.email`);
            const problemId = `preference-${index}-error`;
            return (
              <tr key={preference.type} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {label(preference.type)}
                  {preference.isDefault && (
                    <Badge tone="grey" className="ml-2">
                      {t("defaultChoice")}
                    </Badge>
                  )}
                </th>
                <td className="px-3 py-2 text-slate-700">{t("always")}</td>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    name={`preferences.${index}.email`}
                    value={preference.type}
                    aria-label={t("emailFor", { type: label(preference.type) })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? problemId : undefined}
                    className="size-4 accent-indigo-700"
                    checked={email.get(preference.type) ?? false}
                    onChange={(event) => {
                      save.reset();
                      setEmail(new Map(email).set(preference.type, event.target.checked));
                    }}
                  />
                  {problem && (
                    <p id={problemId} className="text-sm text-red-700">
                      {problem}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FormError error={save.error} fields={(field) => field.startsWith("preferences.")} />
      <SavedStatus shown={save.isSuccess}>{t("saved")}</SavedStatus>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
