import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { ticketPriorities, ticketStatuses } from "../tickets/ticket-queries.ts";
import { useUserDirectory } from "../tickets/user-directory.ts";
import type { ExportView } from "./export-queries.ts";
import { exportsMessages } from "./messages.ts";

const isIn = <T extends string>(options: readonly T[], value: string): value is T =>
  options.includes(value as T);

/** An export's period and filters as people read them. */
export function useExportLabels() {
  const t = useT(exportsMessages);
  const tt = useT(ticketMessages);
  const format = useFormat();
  const directory = useUserDirectory();
  const filter = (label: string, value: string) => t("filterValue", { label, value });
  return {
    // `to` is excluded: the period's last moment is the one before it.
    period: (params: ExportView["params"]) =>
      t("periodValue", {
        from: format.date(params.from),
        to: format.date(new Date(new Date(params.to).getTime() - 1)),
      }),
    filters(filters: ExportView["params"]["filters"]) {
      const { status, priority, assigneeId } = filters;
      const parts = [
        status && filter(t("status"), isIn(ticketStatuses, status) ? tt(`status_${status}`) : status),
        priority &&
          filter(t("priority"), isIn(ticketPriorities, priority) ? tt(`priority_${priority}`) : priority),
        assigneeId && filter(t("assignee"), directory.byId.get(assigneeId)?.name ?? assigneeId),
      ].filter(Boolean);
      return parts.length ? parts.join(", ") : t("noFilters");
    },
  };
}
