import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api, call } from "../../api/client.ts";
import { Button } from "../../components/ui/button.tsx";
import { SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useDocumentTitle } from "../../components/ui/use-document-title.ts";
import { useT } from "../../i18n/use-t.ts";
import { EmailField, OrganizationSlugField } from "./account-fields.tsx";
import { AuthError } from "./auth-error.tsx";
import { authMessages } from "./messages.ts";

const fields = ["organizationSlug", "email"] as const;

/** The API answers the same whether or not the account exists, and so does this form. */
export function RequestResetForm() {
  const t = useT(authMessages);
  useDocumentTitle(t("resetTitle"));
  const request = useMutation({
    mutationFn: (body: { organizationSlug: string; email: string }) =>
      call(api.POST("/api/v1/auth/password-reset", { body })),
  });
  const error = request.error;
  return (
    <form
      aria-labelledby="reset-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        request.mutate({
          organizationSlug: String(form.get("organizationSlug")).trim(),
          email: String(form.get("email")).trim(),
        });
      }}
    >
      <h1 id="reset-title" className="text-lg font-semibold">
        {t("resetTitle")}
      </h1>
      <p className="text-sm text-slate-700">{t("resetIntro")}</p>
      <OrganizationSlugField label={t("organizationSlug")} hint={t("organizationSlugHint")} error={error} />
      <EmailField label={t("email")} error={error} />
      <AuthError error={error} fields={fields} />
      <SavedStatus shown={request.isSuccess}>{t("linkSent")}</SavedStatus>
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? t("sendingLink") : t("sendLink")}
      </Button>
      <p className="text-sm">
        <Link to="/login" className="text-indigo-700 underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </form>
  );
}
