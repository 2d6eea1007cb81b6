import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { SavedStatus } from "../../components/ui/form-feedback.tsx";
import { useT } from "../../i18n/use-t.ts";
import { slaPoliciesQuery } from "../tickets/ticket-queries.ts";
import { SettingsFrame } from "./settings-frame.tsx";
import { slaMessages } from "./sla-messages.ts";
import { SlaPolicyCard } from "./sla-policy-card.tsx";
import { SlaPolicyForm } from "./sla-policy-form.tsx";

/** Admins: the organization's SLA policies; one is edited at a time, in place of the list. */
export function SlaSettingsPage() {
  const t = useT(slaMessages);
  const list = useQuery(slaPoliciesQuery);
  const [editing, setEditing] = useState<"new" | string | null>(null);
  const [done, setDone] = useState("");
  // Closing the form or deleting a card removes the control that had focus: it goes to "New policy".
  const newPolicy = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus || !newPolicy.current) return;
    newPolicy.current.focus();
    setRefocus(false);
  }, [refocus]);
  const close = (message = "") => {
    setEditing(null);
    setDone(message);
    setRefocus(true);
  };
  const policies = list.data?.data ?? [];
  const edited = policies.find((policy) => policy.id === editing);
  const open = (target: "new" | string) => {
    setDone("");
    setEditing(target);
  };

  let body: ReactNode;
  if (editing !== null && (editing === "new" || edited)) {
    body = (
      <SlaPolicyForm
        key={editing}
        {...(edited ? { policy: edited } : {})}
        onSaved={(name) => close(t("saved", { name }))}
        onCancel={() => close()}
      />
    );
  } else if (list.error) {
    body = <ErrorMessage error={list.error} />;
  } else if (!list.data) {
    body = <Loading label={t("loading")} />;
  } else {
    body = (
      <div className="space-y-4">
        <Button ref={newPolicy} onClick={() => open("new")}>
          {t("newPolicy")}
        </Button>
        {policies.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
        {policies.map((policy) => (
          <SlaPolicyCard
            key={policy.id}
            policy={policy}
            onEdit={() => open(policy.id)}
            onDeleted={(name) => close(t("deleted", { name }))}
          />
        ))}
        {list.data.nextCursor && <p className="text-sm text-slate-600">{t("more")}</p>}
      </div>
    );
  }

  return (
    <SettingsFrame title={t("title")}>
      <div className="space-y-4">
        <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
        <SavedStatus shown={done !== ""}>{done}</SavedStatus>
        {body}
      </div>
    </SettingsFrame>
  );
}
