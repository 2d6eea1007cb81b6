import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { AddUserForm } from "./add-user-form.tsx";
import { SettingsFrame } from "./settings-frame.tsx";
import { type Role, roles, type UserListParams, usersQuery } from "./user-queries.ts";
import { usersMessages } from "./users-messages.ts";
import { UsersTable } from "./users-table.tsx";

const PAGE_SIZE = 25;

/** Admins: everyone in the organization, a page at a time; add a user, change one. */
export function UsersSettingsPage() {
  const t = useT(usersMessages);
  const [role, setRole] = useState<Role | "">("");
  // The cursors of the pages before this one, so "Previous" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const [adding, setAdding] = useState(false);
  // The form's Close button goes with it: focus returns to the button that opened the form.
  const [returning, setReturning] = useState(false);
  const cursor = cursors.at(-1);
  const params: UserListParams = {
    limit: PAGE_SIZE,
    ...(role ? { role } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const list = useQuery({ ...usersQuery(params), placeholderData: keepPreviousData });

  return (
    <SettingsFrame title={t("title")}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <SelectField
            label={t("filterRole")}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as Role | "");
              setCursors([]);
            }}
          >
            <option value="">{t("allRoles")}</option>
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(`roles_${option}`)}
              </option>
            ))}
          </SelectField>
          {!adding && (
            <Button autoFocus={returning} onClick={() => setAdding(true)}>
              {t("addUser")}
            </Button>
          )}
        </div>
        {adding && (
          <AddUserForm
            onClose={() => {
              setAdding(false);
              setReturning(true);
            }}
          />
        )}
        {list.data ? (
          <UsersTable users={list.data.data} />
        ) : list.error ? (
          <ErrorMessage error={list.error} />
        ) : (
          <Loading label={t("loading")} />
        )}
        <div className="flex gap-2">
          {cursors.length > 0 && (
            <Button variant="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
              {t("previous")}
            </Button>
          )}
          {list.data?.nextCursor && (
            <Button
              variant="secondary"
              onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}
            >
              {t("next")}
            </Button>
          )}
        </div>
      </div>
    </SettingsFrame>
  );
}
