import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import type { paths } from "../../api/schema.gen.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { toast } from "../../components/ui/toaster.tsx";
import { useDocumentTitle } from "../../components/ui/use-document-title.ts";
import { useT } from "../../i18n/use-t.ts";
import { tokenStore } from "../../session/token-store.ts";
import { EmailField, NewPasswordField } from "./account-fields.tsx";
import { AuthError } from "./auth-error.tsx";
import { authMessages } from "./messages.ts";

type SignUp = paths["/api/v1/auth/signup"]["post"]["requestBody"]["content"]["application/json"];

const fields = ["organizationName", "name", "email", "password"] as const;

/** A new organization and its first admin, signed in at once. */
export function SignupPage() {
  const t = useT(authMessages);
  useDocumentTitle(t("signupTitle"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signup = useMutation({
    mutationFn: (body: SignUp) => call(api.POST("/api/v1/auth/signup", { body })),
    onSuccess: async ({ token, user, organization }) => {
      queryClient.clear();
      queryClient.setQueryData(["/api/v1/me"], { user, organization });
      tokenStore.set(token);
      // The slug was derived from the name (and made unique): the admin needs it to sign in again.
      toast({ title: t("signedUp", { slug: organization.slug }) });
      await navigate({ to: "/" });
    },
  });
  const error = signup.error;
  return (
    <form
      aria-labelledby="signup-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        signup.mutate({
          organizationName: String(form.get("organizationName")).trim(),
          name: String(form.get("name")).trim(),
          email: String(form.get("email")).trim(),
          password: String(form.get("password")),
        });
      }}
    >
      <h1 id="signup-title" className="text-lg font-semibold">
        {t("signupTitle")}
      </h1>
      <p className="text-sm text-slate-700">{t("signupIntro")}</p>
      <TextField
        label={t("organizationName")}
        name="organizationName"
        autoComplete="organization"
        required
        maxLength={100}
        error={fieldError(error, "organizationName")}
      />
      <TextField
        label={t("name")}
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        error={fieldError(error, "name")}
      />
      <EmailField label={t("email")} error={error} />
      <NewPasswordField label={t("password")} hint={t("passwordHint")} error={error} />
      <AuthError error={error} fields={fields} />
      <Button type="submit" className="w-full" disabled={signup.isPending}>
        {signup.isPending ? t("signingUp") : t("signUp")}
      </Button>
      <p className="text-sm">
        <Link to="/login" className="text-indigo-700 underline">
          {t("haveAccount")}
        </Link>
      </p>
    </form>
  );
}
