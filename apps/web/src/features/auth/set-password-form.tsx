import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { ApiError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { useDocumentTitle } from "../../components/ui/use-document-title.ts";
import { useFocusOnMount } from "../../components/ui/use-focus-on-mount.ts";
import { useT } from "../../i18n/use-t.ts";
import { NewPasswordField } from "./account-fields.tsx";
import { AuthError } from "./auth-error.tsx";
import { authMessages } from "./messages.ts";

const fields = ["password"] as const;

/** The password from a reset or welcome link; the link works once, so success leads to sign-in. */
export function SetPasswordForm(props: { token: string }) {
  const t = useT(authMessages);
  useDocumentTitle(t("setPasswordTitle"));
  const confirm = useMutation({
    mutationFn: (password: string) =>
      call(api.POST("/api/v1/auth/password-reset/confirm", { body: { token: props.token, password } })),
  });
  const error = confirm.error;

  if (confirm.isSuccess) return <PasswordSet />;

  const deadLink = error instanceof ApiError && error.code === "invalid_token";
  return (
    <form
      aria-labelledby="set-password-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        confirm.mutate(String(new FormData(event.currentTarget).get("password")));
      }}
    >
      <h1 id="set-password-title" className="text-lg font-semibold">
        {t("setPasswordTitle")}
      </h1>
      <p className="text-sm text-slate-700">{t("setPasswordIntro")}</p>
      <NewPasswordField label={t("newPassword")} hint={t("newPasswordHint")} error={error} />
      {deadLink ? (
        <div className="space-y-2">
          <ErrorMessage error={new Error(t("invalidLink"))} />
          <Link to="/reset-password" search={{}} className="text-sm text-indigo-700 underline">
            {t("askNewLink")}
          </Link>
        </div>
      ) : (
        <AuthError error={error} fields={fields} />
      )}
      <Button type="submit" className="w-full" disabled={confirm.isPending}>
        {confirm.isPending ? t("settingPassword") : t("setPassword")}
      </Button>
      <p className="text-sm">
        <Link to="/login" className="text-indigo-700 underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </form>
  );
}

/** The form is gone: focus goes to the page's heading so the news is read from there. */
function PasswordSet() {
  const t = useT(authMessages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold outline-none" tabIndex={-1} ref={heading}>
        {t("setPasswordTitle")}
      </h1>
      <p role="status" className="text-sm font-medium text-green-800">
        {t("passwordSet")}
      </p>
      <Link
        to="/login"
        className="block rounded-md bg-indigo-700 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-800"
      >
        {t("signIn")}
      </Link>
    </div>
  );
}
