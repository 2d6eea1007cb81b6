import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { useDocumentTitle } from "../../components/ui/use-document-title.ts";
import { useT } from "../../i18n/use-t.ts";
import { tokenStore } from "../../session/token-store.ts";
import { EmailField, OrganizationSlugField } from "./account-fields.tsx";
import { AuthError } from "./auth-error.tsx";
import { authMessages } from "./messages.ts";

/** Where to go after signing in: only a path of this app, never another site or this page again. */
const safeRedirect = (target: string | undefined) =>
  target?.startsWith("/") && !target.startsWith("//") && !target.startsWith("/login") ? target : "/";

const fields = ["organizationSlug", "email", "password"] as const;

export function LoginPage() {
  const t = useT(authMessages);
  useDocumentTitle(t("signInTitle"));
  const search = useSearch({ from: "/public/login" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (body: { organizationSlug: string; email: string; password: string }) =>
      call(api.POST("/api/v1/auth/login", { body })),
    onSuccess: async ({ token }) => {
      queryClient.clear();
      tokenStore.set(token);
      await navigate({ href: safeRedirect(search.redirect) });
    },
  });
  const error = login.error;
  return (
    <form
      aria-labelledby="login-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        login.mutate({
          organizationSlug: String(form.get("organizationSlug")).trim(),
          email: String(form.get("email")).trim(),
          password: String(form.get("password")),
        });
      }}
    >
      <h1 id="login-title" className="text-lg font-semibold">
        {t("signInTitle")}
      </h1>
      <OrganizationSlugField label={t("organizationSlug")} hint={t("organizationSlugHint")} error={error} />
      <EmailField label={t("email")} error={error} />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={200}
        error={fieldError(error, "password")}
      />
      <AuthError error={error} fields={fields} />
      <Button type="submit" className="w-full" disabled={login.isPending}>
        {login.isPending ? t("signingIn") : t("signIn")}
      </Button>
      <div className="flex justify-between gap-4 text-sm">
        <Link to="/reset-password" className="text-indigo-700 underline">
          {t("forgotPassword")}
        </Link>
        <Link to="/signup" className="text-indigo-700 underline">
          {t("noAccount")}
        </Link>
      </div>
    </form>
  );
}
