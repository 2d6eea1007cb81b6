import { Fragment, useRef, useState } from "react";
import { useMe } from "../../auth/me-query.ts";
import { Badge } from "../../components/ui/badge.tsx";
import { Button } from "../../components/ui/button.tsx";
import { localeNames } from "../../i18n/define-messages.ts";
import { useT } from "../../i18n/use-t.ts";
import { EditUserForm } from "./edit-user-form.tsx";
import type { User } from "./user-queries.ts";
import { usersMessages } from "./users-messages.ts";

const cell = "px-3 py-2 text-left";

/** The users of one page; "Edit" opens the user's form under their row. */
export function UsersTable(props: { users: User[] }) {
  const t = useT(usersMessages);
  const { user: me } = useMe();
  const [editing, setEditing] = useState<string | null>(null);
  // Each row's Edit button, to give focus back to when its form (and the form's Close) goes away.
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  if (props.users.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={cell}>
              {t("name")}
            </th>
            <th scope="col" className={cell}>
              {t("email")}
            </th>
            <th scope="col" className={cell}>
              {t("role")}
            </th>
            <th scope="col" className={cell}>
              {t("locale")}
            </th>
            <th scope="col" className={cell}>
              {t("status")}
            </th>
            <th scope="col" className={cell}>
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <Fragment key={user.id}>
              <tr data-testid="user-row" data-user-id={user.id} className="border-b border-slate-100">
                <th scope="row" className={`${cell} font-medium`}>
                  {user.name} {user.id === me.id && <span className="text-slate-600">{t("you")}</span>}
                </th>
                <td className={cell}>{user.email}</td>
                <td className={cell}>{t(`role_${user.role}`)}</td>
                <td className={cell} lang={user.locale}>
                  {localeNames[user.locale]}
                </td>
                <td className={cell}>
                  <Badge tone={user.active ? "green" : "grey"}>
                    {user.active ? t("active") : t("inactive")}
                  </Badge>
                </td>
                <td className={`${cell} text-right`}>
                  <Button
                    variant="secondary"
                    size="sm"
                    ref={(button) => {
                      if (button) editButtons.current.set(user.id, button);
                      else editButtons.current.delete(user.id);
                    }}
                    aria-expanded={editing === user.id}
                    onClick={() => setEditing(editing === user.id ? null : user.id)}
                  >
                    {t("edit")}
                    <span className="sr-only"> {user.name}</span>
                  </Button>
                </td>
              </tr>
              {editing === user.id && (
                <tr className="border-b border-slate-200 bg-slate-50">
                  <td colSpan={6} className="p-4">
                    <EditUserForm
                      user={user}
                      onClose={() => {
                        setEditing(null);
                        editButtons.current.get(user.id)?.focus();
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
