import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { ColumnHeader, ColumnHeaders, DataTable } from "../../components/ui/table.tsx";
import { useT } from "../../i18n/use-t.ts";
import { RelativeTime, StatusBadge } from "../tickets/ticket-labels.tsx";
import { ticketListQuery } from "../tickets/ticket-queries.ts";
import { portalMessages } from "./messages.ts";
import { NewTicketForm } from "./new-ticket-form.tsx";

/** A customer's start page: their tickets (the API shows them no one else's) and a form to open one. */
export function PortalPage() {
  const t = useT(portalMessages);
  const list = useInfiniteQuery(ticketListQuery({ limit: 25 }));
  const tickets = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="my-tickets" className="lg:col-span-2">
          <h2 id="my-tickets" className="mb-3 text-base font-semibold">
            {t("listTitle")}
          </h2>
          {list.isPending ? (
            <Loading label={t("loading")} />
          ) : list.isError && tickets.length === 0 ? (
            <ErrorMessage error={list.error} />
          ) : tickets.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
              {t("empty")}
            </p>
          ) : (
            <DataTable caption={t("listTitle")} className="rounded-lg border border-slate-200 bg-white">
              <ColumnHeaders>
                <ColumnHeader>{t("subject")}</ColumnHeader>
                <ColumnHeader>{t("status")}</ColumnHeader>
                <ColumnHeader>{t("updated")}</ColumnHeader>
              </ColumnHeaders>
              <tbody className="divide-y divide-slate-100">
                {tickets.map((ticket) => (
                  <tr key={ticket.id} data-testid="ticket-row" data-ticket-id={ticket.id}>
                    <td className="px-3 py-2">
                      <span className="mr-2 text-slate-600 tabular-nums">#{ticket.number}</span>
                      <Link
                        to="/tickets/$id"
                        params={{ id: ticket.id }}
                        className="font-medium text-indigo-800 hover:underline"
                      >
                        {ticket.subject}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={ticket.status} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                      <RelativeTime iso={ticket.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          <LoadMoreButton
            list={list}
            label={t("loadMore")}
            loadingLabel={t("loadingMore")}
            className="mt-3"
          />
        </section>
        <NewTicketForm />
      </div>
    </>
  );
}
