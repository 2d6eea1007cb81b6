import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api, call } from "../../api/client.ts";
import { ApiError, fieldError } from "../../api/errors.ts";
import type { paths } from "../../api/schema.gen.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { SelectField, TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { addDays, dayOf, periodOfDays } from "../reports/zoned-days.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { ticketPriorities, ticketStatuses } from "../tickets/ticket-queries.ts";
import { exportsMessages } from "./messages.ts";

type ExportRequest = paths["/api/v1/reports/exports"]["post"]["requestBody"]["content"]["application/json"];
type Filters = NonNullable<ExportRequest["filters"]>;

const types = ["tickets", "sla_breaches", "messages"] as const;

/** Asks for an export of whole days in the organization's zone, then opens its page to follow it. */
export function ExportRequestForm() {
  const t = useT(exportsMessages);
  const tt = useT(ticketMessages);
  const { organization } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [toInvalid, setToInvalid] = useState<string>();
  const request = useMutation({
    mutationFn: (body: ExportRequest) => call(api.POST("/api/v1/reports/exports", { body })),
    onSuccess: async ({ id }) => {
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/reports/exports"] });
      await navigate({ to: "/reports/exports/$id", params: { id } });
    },
  });
  const error = request.error;
  const today = dayOf(Date.now(), organization.timezone);
  const refusedFields = error instanceof ApiError && Object.keys(error.fields).length > 0;
  return (
    <form
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const from = String(form.get("from"));
        const to = String(form.get("to"));
        if (to < from) return setToInvalid(t("toBeforeFrom"));
        setToInvalid(undefined);
        const filters: Filters = {};
        const status = String(form.get("filters.status") ?? "");
        const priority = String(form.get("filters.priority") ?? "");
        if (status) filters.status = status as Filters["status"];
        if (priority) filters.priority = priority as Filters["priority"];
        request.mutate({
          type: String(form.get("type")) as ExportRequest["type"],
          ...periodOfDays(from, to, organization.timezone),
          filters,
        });
      }}
    >
      <SelectField
        label={t("type")}
        name="type"
        required
        defaultValue="tickets"
        hint={t("typeHint")}
        error={fieldError(error, "type")}
      >
        {types.map((type) => (
          <option key={type} value={type}>
            {t(type)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("from")}
        name="from"
        type="date"
        required
        defaultValue={addDays(today, -29)}
        error={fieldError(error, "from")}
      />
      <TextField
        label={t("to")}
        name="to"
        type="date"
        required
        defaultValue={today}
        error={toInvalid ?? fieldError(error, "to")}
      />
      <SelectField
        label={t("status")}
        name="filters.status"
        defaultValue=""
        error={fieldError(error, "filters.status")}
      >
        <option value="">{t("any")}</option>
        {ticketStatuses.map((status) => (
          <option key={status} value={status}>
            {tt(`status_${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("priority")}
        name="filters.priority"
        defaultValue=""
        error={fieldError(error, "filters.priority")}
      >
        <option value="">{t("any")}</option>
        {ticketPriorities.map((priority) => (
          <option key={priority} value={priority}>
            {tt(`priority_${priority}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end">
        <Button type="submit" disabled={request.isPending}>
          {request.isPending ? t("requesting") : t("request")}
        </Button>
      </div>
      {error && !refusedFields && (
        <div className="sm:col-span-2 lg:col-span-3">
          <ErrorMessage
            error={error instanceof ApiError && error.code === "rate_limited" ? t("tooMany") : error}
          />
        </div>
      )}
    </form>
  );
}
