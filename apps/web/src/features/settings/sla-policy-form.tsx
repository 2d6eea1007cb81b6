import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { CheckboxField } from "../../components/ui/checkbox-field.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { FormError } from "../../components/ui/form-feedback.tsx";
import { useFocusOnMount } from "../../components/ui/use-focus-on-mount.ts";
import { useT } from "../../i18n/use-t.ts";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import { SlaBusinessHoursFields } from "./sla-business-hours-fields.tsx";
import { type Draft, type Policy, shownField, toBody, toDraft } from "./sla-draft.ts";
import { SlaEscalationFields } from "./sla-escalation-fields.tsx";
import { SlaHolidaysFields } from "./sla-holidays-fields.tsx";
import { slaMessages } from "./sla-messages.ts";
import { SlaTargetsFields } from "./sla-targets-fields.tsx";

/** Creates a policy, or changes one (sent whole: targets, hours and escalation replace the stored ones). */
export function SlaPolicyForm(props: {
  policy?: Policy;
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const t = useT(slaMessages);
  const { organization } = useMe();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.policy, organization.timezone));
  const change = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const id = props.policy?.id;
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toBody>) =>
      id
        ? call(api.PATCH("/api/v1/sla-policies/{id}", { params: { path: { id } }, body }))
        : call(api.POST("/api/v1/sla-policies", { body })),
    onSuccess: (saved) => {
      // Moving the default changes another policy too; tickets' deadlines follow the new targets.
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/sla-policies"] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets/{id}"] });
      props.onSaved(saved.name);
    },
  });
  // The form opens in place of the list and of the button that opened it.
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const error = save.error;
  const sections = { draft, change, error };
  return (
    <form
      aria-labelledby="policy-form-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(toBody(draft));
      }}
    >
      <h2 id="policy-form-title" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
        {props.policy ? t("editPolicyTitle", { name: props.policy.name }) : t("newPolicyTitle")}
      </h2>
      <SettingsFieldset legend={t("policy")}>
        <TextField
          label={t("name")}
          name="name"
          required
          maxLength={100}
          value={draft.name}
          onChange={(event) => change({ name: event.target.value })}
          error={fieldError(error, "name")}
          className="max-w-md"
        />
        <CheckboxField
          label={t("isDefault")}
          hint={t("isDefaultHint")}
          name="isDefault"
          checked={draft.isDefault}
          onChange={(event) => change({ isDefault: event.target.checked })}
        />
      </SettingsFieldset>
      <SlaTargetsFields {...sections} />
      <SlaBusinessHoursFields {...sections} />
      {draft.hoursOn && <SlaHolidaysFields {...sections} />}
      <SlaEscalationFields {...sections} />
      <FormError error={error} fields={shownField} />
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
        <Button variant="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
