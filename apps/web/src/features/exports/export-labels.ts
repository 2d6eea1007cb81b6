import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import type { ExportView } from "./export-queries.ts";
import { exportsMessages } from "./messages.ts";

/** Ticket statuses and priorities an export filters on, each with its message key. */
export const statusKeys = {
  new: "new",
  open: "ticketOpen",
  pending: "pending",
  resolved: "resolved",
  closed: "closed",
} as const;
export const priorityKeys = { low: "low", normal: "normal", high: "high", urgent: "urgent" } as const;

const keyOf = <M extends Record<string, string>>(map: M, value: string) =>
  Object.hasOwn(map, value) ? map[value as keyof M] : undefined;

/** An export's period and filters as people read them. */
export function useExportLabels() {
  const t = useT(exportsMessages);
  const format = useFormat();
  return {
    // `to` is excluded: the period's last moment is the one before it.
    period: (params: ExportView["params"]) =>
      t("periodValue", {
        from: format.date(params.from),
        to: format.date(new Date(new Date(params.to).getTime() - 1)),
      }),
    filters(filters: ExportView["params"]["filters"]) {
      const status = filters.status && keyOf(statusKeys, filters.status);
      const priority = filters.priority && keyOf(priorityKeys, filters.priority);
      const parts = [
        filters.status && `${t("status")}: ${status ? t(status) : filters.status}`,
        filters.priority && `${t("priority")}: ${priority ? t(priority) : filters.priority}`,
        filters.assigneeId && `${t("assignee")}: ${filters.assigneeId}`,
      ].filter(Boolean);
      return parts.length ? parts.join(", ") : t("noFilters");
    },
  };
}
