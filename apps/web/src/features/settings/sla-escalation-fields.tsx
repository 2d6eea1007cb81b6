import { fieldError } from "../../api/errors.ts";
import { CheckboxField } from "../../components/ui/checkbox-field.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { useUserDirectory } from "../tickets/user-directory.ts";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import type { Draft } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";

/** Who else hears of a breach, and who a breached ticket goes to; only active staff can be named. */
export function SlaEscalationFields(props: {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  error: unknown;
}) {
  const t = useT(slaMessages);
  const { staff, byId } = useUserDirectory();
  const nameOf = (id: string) => byId.get(id)?.name;
  const { notifyUserIds, reassignToId } = props.draft;
  // A stored id of someone no longer active still shows, so it can be seen and removed.
  const gone = notifyUserIds.filter((id) => !staff.some((user) => user.id === id));
  const listError = fieldError(props.error, "escalation.notifyUserIds");
  return (
    <SettingsFieldset legend={t("escalation")} intro={t("escalationIntro")}>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("notify")}</legend>
        {staff.length === 0 && <p className="text-sm text-slate-600">{t("noStaff")}</p>}
        <div className="grid gap-2 sm:grid-cols-2">
          {[
            ...staff.map((user) => ({ id: user.id, name: user.name })),
            ...gone.map((id) => ({ id, name: nameOf(id) ?? t("unknownUser") })),
          ].map(({ id, name }) => {
            const index = notifyUserIds.indexOf(id);
            const problem =
              index >= 0 ? fieldError(props.error, `escalation.notifyUserIds.${index}`) : undefined;
            return (
              <CheckboxField
                key={id}
                label={name}
                name="escalation.notifyUserIds"
                value={id}
                checked={index >= 0}
                error={problem}
                onChange={(event) =>
                  props.change({
                    notifyUserIds: event.target.checked
                      ? [...notifyUserIds, id]
                      : notifyUserIds.filter((other) => other !== id),
                  })
                }
              />
            );
          })}
        </div>
        {listError && (
          <p className="text-sm text-red-700" data-field-error>
            {listError}
          </p>
        )}
      </fieldset>
      <SelectField
        label={t("reassignTo")}
        name="escalation.reassignToId"
        value={reassignToId}
        onChange={(event) => props.change({ reassignToId: event.target.value })}
        error={fieldError(props.error, "escalation.reassignToId")}
        className="max-w-sm"
      >
        <option value="">{t("nobody")}</option>
        {reassignToId && !staff.some((user) => user.id === reassignToId) && (
          <option value={reassignToId}>{nameOf(reassignToId) ?? t("unknownUser")}</option>
        )}
        {staff.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </SelectField>
    </SettingsFieldset>
  );
}
