import { Link } from "@tanstack/react-router";
import { useDocumentTitle } from "../../components/ui/use-document-title.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { SlaBadge } from "./sla-badge.tsx";
import { PriorityBadge, RelativeTime, StatusBadge } from "./ticket-labels.tsx";
import type { TicketDetail } from "./ticket-queries.ts";
import { useUserDirectory } from "./user-directory.ts";

export function TicketHeader(props: { ticket: TicketDetail; staff: boolean }) {
  const t = useT(ticketMessages);
  const directory = useUserDirectory(props.staff, [props.ticket.customerId, props.ticket.assigneeId]);
  const { ticket } = props;
  useDocumentTitle(`#${ticket.number} ${ticket.subject}`);
  const customer = directory.byId.get(ticket.customerId);
  const assignee = ticket.assigneeId ? directory.byId.get(ticket.assigneeId) : undefined;
  return (
    <header className="space-y-2">
      <Link to="/" className="text-sm text-indigo-700 underline">
        {props.staff ? t("backToInbox") : t("backToMyTickets")}
      </Link>
      <h1 className="text-xl font-semibold">
        <span className="text-slate-600">#{ticket.number}</span> {ticket.subject}
      </h1>
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {props.staff && <SlaBadge sla={ticket.sla} />}
        {props.staff && <span>{t("fromCustomer", { name: customer?.name ?? t("unknownUser") })}</span>}
        {props.staff && <span>{assignee ? t("assignedTo", { name: assignee.name }) : t("unassigned")}</span>}
        <span>
          {t("opened")} <RelativeTime iso={ticket.createdAt} />
        </span>
      </div>
    </header>
  );
}
