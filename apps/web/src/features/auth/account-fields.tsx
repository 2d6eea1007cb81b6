import { fieldError } from "../../api/errors.ts";
import { TextField } from "../../components/ui/field.tsx";

/**
 * The account fields several forms share, named after the API's fields and carrying its limits
 * (the auth and user schemas), so a limit changes in one place. Each shows the API's message for
 * its field from `error`.
 */
interface AccountFieldProps {
  label: string;
  hint?: string;
  error: unknown;
  /** Off where an admin fills in someone else's account. */
  autoComplete?: string;
}

const optionalHint = (hint: string | undefined) => (hint ? { hint } : {});

export function OrganizationSlugField(props: AccountFieldProps) {
  return (
    <TextField
      label={props.label}
      {...optionalHint(props.hint)}
      name="organizationSlug"
      autoComplete={props.autoComplete ?? "organization"}
      required
      maxLength={100}
      error={fieldError(props.error, "organizationSlug")}
    />
  );
}

export function EmailField(props: AccountFieldProps) {
  return (
    <TextField
      label={props.label}
      {...optionalHint(props.hint)}
      name="email"
      type="email"
      autoComplete={props.autoComplete ?? "username"}
      required
      maxLength={254}
      error={fieldError(props.error, "email")}
    />
  );
}

/** A password being chosen: the API's minimum length applies; `required: false` leaves it optional. */
export function NewPasswordField(props: AccountFieldProps & { required?: boolean }) {
  return (
    <TextField
      label={props.label}
      {...optionalHint(props.hint)}
      name="password"
      type="password"
      autoComplete="new-password"
      required={props.required ?? true}
      minLength={10}
      maxLength={200}
      error={fieldError(props.error, "password")}
    />
  );
}
