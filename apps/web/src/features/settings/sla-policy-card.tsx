import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { Badge } from "../../components/ui/badge.tsx";
import { Button } from "../../components/ui/button.tsx";
import { FormError } from "../../components/ui/form-feedback.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { useUserDirectory } from "../tickets/user-directory.ts";
import type { Policy } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";
import { SlaTargetsGrid } from "./sla-targets-grid.tsx";
import { useWeek, weekdays } from "./use-week.ts";

const cell = "px-2 py-1 text-left";
const SHOWN_HOLIDAYS = 8;

/** A policy at a glance: targets, hours, holidays and escalation, with edit and delete. */
export function SlaPolicyCard(props: {
  policy: Policy;
  onEdit: () => void;
  onDeleted: (name: string) => void;
}) {
  const { policy } = props;
  const t = useT(slaMessages);
  const format = useFormat();
  const week = useWeek();
  const directory = useUserDirectory();
  const nameOf = (id: string) => directory.byId.get(id)?.name;
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => call(api.DELETE("/api/v1/sla-policies/{id}", { params: { path: { id: policy.id } } })),
    onSuccess: () => {
      props.onDeleted(policy.name);
      // Tickets under it lost their SLA.
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/sla-policies"] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets/{id}"] });
    },
  });
  const hours = policy.businessHours;
  const { notifyUserIds, reassignToId } = policy.escalation;
  const titleId = `policy-${policy.id}`;

  return (
    <section
      aria-labelledby={titleId}
      data-testid="sla-policy"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={titleId} className="flex items-center gap-2 text-base font-semibold">
          {policy.name}
          {policy.isDefault && <Badge tone="violet">{t("isDefaultBadge")}</Badge>}
        </h2>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={props.onEdit} aria-describedby={titleId}>
            {t("edit")}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setConfirming(true)}
            aria-describedby={titleId}
          >
            {t("delete")}
          </Button>
        </div>
      </header>
      {confirming && (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-3 text-sm text-red-900"
        >
          <span>{t("confirmDelete", { name: policy.name })}</span>
          <Button variant="danger" size="sm" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t("confirmDeleteButton")}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
        </div>
      )}
      <FormError error={remove.error} fields={() => false} />
      <SlaTargetsGrid
        cellClassName={cell}
        caption={t("targets")}
        cell={(priority, key) => {
          const minutes = policy.targets[priority]?.[key];
          return minutes === undefined ? t("noTarget") : format.businessMinutes(minutes);
        }}
      />
      <div className="space-y-1 text-sm text-slate-800">
        <p className="font-medium">
          {t("hoursSummary", { hours: hours ? hours.timezone : t("aroundTheClock") })}
        </p>
        {hours && (
          <ul className="grid max-w-xl gap-x-6 sm:grid-cols-2">
            {weekdays.map((day) => (
              <li key={day}>
                <span className="inline-block w-28 text-slate-700">{week.dayName(day)}</span>
                {(hours.weekly[day] ?? []).map(({ start, end }) => `${start}–${end}`).join(", ") ||
                  t("closed")}
              </li>
            ))}
          </ul>
        )}
        {hours && hours.holidays.length > 0 && (
          <p>
            {t("holidaysList", {
              count: hours.holidays.length,
              dates:
                hours.holidays.slice(0, SHOWN_HOLIDAYS).map(week.dateName).join(", ") +
                (hours.holidays.length > SHOWN_HOLIDAYS ? "…" : ""),
            })}
          </p>
        )}
        {notifyUserIds.length > 0 && (
          <p>
            {t("notifyList", {
              names: notifyUserIds.map((id) => nameOf(id) ?? t("unknownUser")).join(", "),
            })}
          </p>
        )}
        {reassignToId && <p>{t("reassignsTo", { name: nameOf(reassignToId) ?? t("unknownUser") })}</p>}
      </div>
    </section>
  );
}
