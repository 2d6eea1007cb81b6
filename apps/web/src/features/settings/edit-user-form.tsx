import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import { fieldError } from "../../api/errors.ts";
import type { paths } from "../../api/schema.gen.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { CheckboxField } from "../../components/ui/checkbox-field.tsx";
import { TextField } from "../../components/ui/field.tsx";
import { FormError, SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { LocaleField, RoleField } from "./user-fields.tsx";
import type { User } from "./user-queries.ts";
import { usersMessages } from "./users-messages.ts";

type Changes = paths["/api/v1/users/{id}"]["patch"]["requestBody"]["content"]["application/json"];

const fields = ["name", "role", "locale", "active"];

/** Name, role, language and whether the user may sign in; only what changed is sent. */
export function EditUserForm(props: { user: User; onClose: () => void }) {
  const t = useT(usersMessages);
  const { user: me } = useMe();
  const queryClient = useQueryClient();
  const { user } = props;
  const save = useMutation({
    mutationFn: async (changes: Changes) =>
      Object.keys(changes).length === 0
        ? user
        : call(api.PATCH("/api/v1/users/{id}", { params: { path: { id: user.id } }, body: changes })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/users"] });
      // The signed-in user's own name, role or language is in the shell.
      if (user.id === me.id) void queryClient.invalidateQueries({ queryKey: ["/api/v1/me"] });
    },
  });
  const error = save.error;
  const titleId = `edit-user-${user.id}`;
  return (
    <form
      aria-labelledby={titleId}
      className="space-y-3"
      onChange={() => save.isSuccess && save.reset()}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const next = {
          name: String(form.get("name")).trim(),
          role: String(form.get("role")) as User["role"],
          locale: String(form.get("locale")) as User["locale"],
          active: form.get("active") === "on",
        };
        const changes: Changes = {};
        if (next.name !== user.name) changes.name = next.name;
        if (next.role !== user.role) changes.role = next.role;
        if (next.locale !== user.locale) changes.locale = next.locale;
        if (next.active !== user.active) changes.active = next.active;
        save.mutate(changes);
      }}
    >
      <h2 id={titleId} className="text-base font-semibold">
        {t("editTitle", { name: user.name })}
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label={t("name")}
          name="name"
          required
          maxLength={100}
          defaultValue={user.name}
          error={fieldError(error, "name")}
          // The form opens on the user's request, where they will type.
          autoFocus
        />
        <RoleField defaultValue={user.role} error={error} />
        <LocaleField defaultValue={user.locale} error={error} />
      </div>
      <CheckboxField
        label={t("activeField")}
        name="active"
        defaultChecked={user.active}
        error={fieldError(error, "active")}
      />
      <FormError error={error} fields={(field) => fields.includes(field)} />
      <SavedStatus shown={save.isSuccess}>{t("saved")}</SavedStatus>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
        <Button variant="secondary" onClick={props.onClose}>
          {t("close")}
        </Button>
      </div>
    </form>
  );
}
