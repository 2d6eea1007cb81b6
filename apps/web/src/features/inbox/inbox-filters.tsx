import { useNavigate } from "@tanstack/react-router";
import { Button } from "../../components/ui/button.tsx";
import { SelectField, TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { ticketStatuses } from "../tickets/ticket-queries.ts";
import type { InboxFilters as Filters } from "./inbox-params.ts";
import { inboxMessages } from "./messages.ts";

/** The filters live in the URL: a choice navigates, so a filtered view can be bookmarked and shared. */
export function InboxFilters(props: { filters: Filters }) {
  const t = useT(inboxMessages);
  const tt = useT(ticketMessages);
  const navigate = useNavigate({ from: "/" });
  const set = (changes: Filters) => void navigate({ search: (prev) => ({ ...prev, ...changes }) });
  const { filters } = props;
  const filtered = Boolean(filters.status || filters.assignee || filters.sla || filters.q);
  return (
    <search aria-label={t("filtersLabel")}>
      <form
        className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,12rem))_1fr_auto] lg:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
          set({ q: q || undefined });
        }}
      >
        <SelectField
          label={t("status")}
          name="status"
          value={filters.status ?? ""}
          onChange={(event) => set({ status: event.currentTarget.value || undefined })}
        >
          <option value="">{t("anyStatus")}</option>
          {ticketStatuses.map((status) => (
            <option key={status} value={status}>
              {tt(`status_${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("assignee")}
          name="assignee"
          value={filters.assignee ?? ""}
          onChange={(event) => set({ assignee: event.currentTarget.value || undefined })}
        >
          <option value="">{t("anyone")}</option>
          <option value="me">{t("assignedToMe")}</option>
          <option value="unassigned">{t("unassigned")}</option>
        </SelectField>
        <SelectField
          label={t("sla")}
          name="sla"
          value={filters.sla ?? ""}
          onChange={(event) => set({ sla: event.currentTarget.value || undefined })}
        >
          <option value="">{t("anySla")}</option>
          <option value="at_risk">{t("slaAtRisk")}</option>
          <option value="breached">{t("slaBreached")}</option>
        </SelectField>
        <TextField
          key={filters.q ?? ""}
          label={t("search")}
          name="q"
          type="search"
          maxLength={200}
          defaultValue={filters.q ?? ""}
          placeholder={t("searchPlaceholder")}
        />
        <div className="flex gap-2">
          <Button type="submit">{t("searchButton")}</Button>
          {filtered && (
            <Button
              variant="ghost"
              onClick={() =>
                void navigate({
                  search: { status: undefined, assignee: undefined, sla: undefined, q: undefined },
                })
              }
            >
              {t("clearFilters")}
            </Button>
          )}
        </div>
      </form>
    </search>
  );
}
