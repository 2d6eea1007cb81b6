import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import type { paths } from "../../api/schema.gen.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { FormError, SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { EmailField, NewPasswordField } from "../auth/account-fields.tsx";
import { LocaleField, RoleField } from "./user-fields.tsx";
import { usersMessages } from "./users-messages.ts";

type NewUser = paths["/api/v1/users"]["post"]["requestBody"]["content"]["application/json"];

const fields = ["name", "email", "role", "locale", "password"];

/**
 * Adds a user; without a password the welcome e-mail's link lets them choose one. One
 * Idempotency-Key per filled-in form, so a retried submit never adds the user twice.
 */
export function AddUserForm(props: { onClose: () => void }) {
  const t = useT(usersMessages);
  const { user: me } = useMe();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(() => ({ key: crypto.randomUUID(), form: 0 }));
  const add = useMutation({
    mutationFn: (body: NewUser) =>
      call(api.POST("/api/v1/users", { body, params: { header: { "Idempotency-Key": attempt.key } } })),
    onSuccess: () => {
      setAttempt((previous) => ({ key: crypto.randomUUID(), form: previous.form + 1 }));
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/users"] });
    },
  });
  const error = add.error;
  return (
    <form
      key={attempt.form}
      aria-labelledby="add-user-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = String(form.get("password"));
        add.mutate({
          name: String(form.get("name")).trim(),
          email: String(form.get("email")).trim(),
          role: String(form.get("role")) as NewUser["role"],
          locale: String(form.get("locale")) as NonNullable<NewUser["locale"]>,
          ...(password ? { password } : {}),
        });
      }}
    >
      <h2 id="add-user-title" className="text-base font-semibold">
        {t("addUserTitle")}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("name")}
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          error={fieldError(error, "name")}
        />
        <EmailField label={t("email")} error={error} autoComplete="off" />
        <RoleField defaultValue={"agent"} error={error} />
        <LocaleField defaultValue={me.locale} error={error} />
      </div>
      <NewPasswordField label={t("password")} hint={t("passwordHint")} error={error} required={false} />
      <FormError error={error} fields={(field) => fields.includes(field)} />
      <SavedStatus shown={add.isSuccess}>{t("added", { name: add.data?.name ?? "" })}</SavedStatus>
      <div className="flex gap-2">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? t("adding") : t("add")}
        </Button>
        <Button variant="secondary" onClick={props.onClose}>
          {t("close")}
        </Button>
      </div>
    </form>
  );
}
