import { ApiError } from "../../api/errors.ts";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { FormError } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { authMessages } from "./messages.ts";

/**
 * A signed-out form's failure in the reader's language: the API words its refusals in English, and
 * these are the ones a person meets before they have chosen a language on an account.
 */
export function AuthError(props: { error: unknown; fields: readonly string[] }) {
  const t = useT(authMessages);
  const { error } = props;
  if (error instanceof ApiError) {
    if (error.status === 401) return <ErrorMessage error={new Error(t("invalidCredentials"))} />;
    if (error.status === 429) return <ErrorMessage error={new Error(t("tooManyAttempts"))} />;
  }
  return <FormError error={error} fields={(field) => props.fields.includes(field)} />;
}
