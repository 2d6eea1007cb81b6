import { useQuery } from "@tanstack/react-query";
import { ApiError, fieldError } from "../../api/errors.ts";
import { useMe } from "../../auth/me-query.ts";
import { Button } from "../../components/ui/button.tsx";
import { Card, ErrorMessage } from "../../components/ui/card.tsx";
import { SelectField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { statusChoices } from "./status-transitions.ts";
import {
  slaPoliciesQuery,
  type TicketDetail,
  type TicketPriority,
  type TicketStatus,
  ticketPriorities,
} from "./ticket-queries.ts";
import { type TicketChanges, useUpdateTicket } from "./use-update-ticket.ts";
import { useUserDirectory } from "./user-directory.ts";

/** Staff change status, priority, assignee and SLA policy; each choice is saved as it is made. */
export function TicketControls(props: { ticket: TicketDetail }) {
  const t = useT(ticketMessages);
  const me = useMe();
  const { ticket } = props;
  const update = useUpdateTicket(ticket.id);
  const directory = useUserDirectory();
  const policies = useQuery(slaPoliciesQuery);
  const closed = ticket.status === "closed";
  const save = (changes: TicketChanges) => update.mutate(changes);
  const error = update.error;
  const assignee = ticket.assigneeId ? directory.byId.get(ticket.assigneeId) : undefined;
  return (
    <Card title={t("detailsTitle")}>
      <div className="space-y-3">
        <SelectField
          label={t("status")}
          name="status"
          value={ticket.status}
          disabled={closed || update.isPending}
          onChange={(event) => save({ status: event.currentTarget.value as TicketStatus })}
          error={fieldError(error, "status")}
        >
          {statusChoices(ticket.status).map((status) => (
            <option key={status} value={status}>
              {t(`status_${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("priority")}
          name="priority"
          value={ticket.priority}
          disabled={closed || update.isPending}
          onChange={(event) => save({ priority: event.currentTarget.value as TicketPriority })}
          error={fieldError(error, "priority")}
        >
          {ticketPriorities.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority_${priority}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("assignee")}
          name="assigneeId"
          value={ticket.assigneeId ?? ""}
          disabled={closed || update.isPending}
          onChange={(event) => save({ assigneeId: event.currentTarget.value || null })}
          error={fieldError(error, "assigneeId")}
        >
          <option value="">{t("unassigned")}</option>
          {/* An assignee who left the staff list still shows as the current value. */}
          {ticket.assigneeId && !directory.staff.some((user) => user.id === ticket.assigneeId) && (
            <option value={ticket.assigneeId}>{assignee?.name ?? t("unknownUser")}</option>
          )}
          {directory.staff.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        {ticket.assigneeId !== me.user.id && !closed && (
          <Button
            variant="secondary"
            size="sm"
            disabled={update.isPending}
            onClick={() => save({ assigneeId: me.user.id })}
          >
            {t("assignToMe")}
          </Button>
        )}
        <SelectField
          label={t("slaPolicy")}
          name="slaPolicyId"
          value={ticket.sla?.policyId ?? ""}
          disabled={closed || update.isPending || !policies.data}
          onChange={(event) => save({ slaPolicyId: event.currentTarget.value || null })}
          error={fieldError(error, "slaPolicyId")}
        >
          <option value="">{t("noPolicy")}</option>
          {policies.data?.data.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.isDefault ? t("defaultPolicy", { name: policy.name }) : policy.name}
            </option>
          ))}
        </SelectField>
        <p role="status" className="min-h-5 text-sm text-slate-600">
          {update.isPending ? t("saving") : update.isSuccess ? t("saved") : ""}
        </p>
        {error && !(error instanceof ApiError && Object.keys(error.fields).length > 0) && (
          <ErrorMessage error={error} />
        )}
      </div>
    </Card>
  );
}
