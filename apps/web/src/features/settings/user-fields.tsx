import { fieldError } from "../../api/errors.ts";
import { SelectField } from "../../components/ui/field.tsx";
import { localeNames, locales } from "../../i18n/define-messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { roles } from "./user-queries.ts";
import { usersMessages } from "./users-messages.ts";

/** The role a user is added with or changed to, with the API's message for `role`. */
export function RoleField(props: { defaultValue: string; error: unknown }) {
  const t = useT(usersMessages);
  return (
    <SelectField
      label={t("role")}
      name="role"
      defaultValue={props.defaultValue}
      error={fieldError(props.error, "role")}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(`role_${role}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** The language of a user's e-mails and pages, each named in itself. */
export function LocaleField(props: { defaultValue: string; error: unknown }) {
  const t = useT(usersMessages);
  return (
    <SelectField
      label={t("locale")}
      name="locale"
      defaultValue={props.defaultValue}
      error={fieldError(props.error, "locale")}
    >
      {locales.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {localeNames[locale]}
        </option>
      ))}
    </SelectField>
  );
}
