import { useSearch } from "@tanstack/react-router";
import { RequestResetForm } from "./request-reset-form.tsx";
import { SetPasswordForm } from "./set-password-form.tsx";

/**
 * Without a token: ask for a reset link by e-mail. With the token of a reset or welcome e-mail's
 * link: choose the password.
 */
export function ResetPasswordPage() {
  const { token } = useSearch({ from: "/public/reset-password" });
  return token ? <SetPasswordForm token={token} /> : <RequestResetForm />;
}
