import { Link } from "@tanstack/react-router";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { SlaBadge } from "../tickets/sla-badge.tsx";
import { PriorityBadge, RelativeTime, StatusBadge } from "../tickets/ticket-labels.tsx";
import type { TicketSummary } from "../tickets/ticket-queries.ts";
import { useUserDirectory } from "../tickets/user-directory.ts";
import { inboxMessages } from "./messages.ts";

const td = "px-3 py-2 align-middle";

/** One row per ticket; names come from the one users directory, never a request per row. */
export function InboxTable(props: { tickets: TicketSummary[] }) {
  const t = useT(inboxMessages);
  const tt = useT(ticketMessages);
  const directory = useUserDirectory(
    true,
    props.tickets.flatMap((ticket) => [ticket.customerId, ticket.assigneeId]),
  );
  const name = (id: string | null) => {
    if (!id) return undefined;
    return directory.byId.get(id)?.name ?? (directory.loaded ? tt("unknownUser") : "…");
  };
  return (
    <DataTable caption={t("tableCaption")} className="rounded-lg border border-slate-200 bg-white">
      <ColumnHeaders>
        <ColumnHeader>{t("subject")}</ColumnHeader>
        <ColumnHeader>{t("customer")}</ColumnHeader>
        <ColumnHeader>{t("status")}</ColumnHeader>
        <ColumnHeader>{t("priority")}</ColumnHeader>
        <ColumnHeader>{t("assignee")}</ColumnHeader>
        <ColumnHeader>{t("sla")}</ColumnHeader>
        <ColumnHeader>{t("updated")}</ColumnHeader>
      </ColumnHeaders>
      <tbody className="divide-y divide-slate-100">
        {props.tickets.map((ticket) => (
          <tr
            key={ticket.id}
            data-testid="ticket-row"
            data-ticket-id={ticket.id}
            className="hover:bg-slate-50"
          >
            <td className={td}>
              <span className="mr-2 text-slate-600 tabular-nums">#{ticket.number}</span>
              <Link
                to="/tickets/$id"
                params={{ id: ticket.id }}
                className="font-medium text-indigo-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {ticket.subject}
              </Link>
            </td>
            <td className={td}>{name(ticket.customerId)}</td>
            <td className={td}>
              <StatusBadge status={ticket.status} />
            </td>
            <td className={td}>
              <PriorityBadge priority={ticket.priority} />
            </td>
            <td className={td}>
              {ticket.assigneeId ? (
                name(ticket.assigneeId)
              ) : (
                <span className="text-slate-600">{tt("unassigned")}</span>
              )}
            </td>
            <td className={td}>
              {ticket.sla ? (
                <SlaBadge sla={ticket.sla} />
              ) : (
                <span className="text-slate-600">
                  <span aria-hidden="true">—</span>
                  <span className="sr-only">{t("noSla")}</span>
                </span>
              )}
            </td>
            <td className={`${td} whitespace-nowrap text-slate-700`}>
              <RelativeTime iso={ticket.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
