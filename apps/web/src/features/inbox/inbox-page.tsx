import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { useMe } from "../../auth/me-query.ts";
import { ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketListQuery } from "../tickets/ticket-queries.ts";
import { useUserDirectory } from "../tickets/user-directory.ts";
import { InboxFilters } from "./inbox-filters.tsx";
import { inboxListParams } from "./inbox-params.ts";
import { InboxTable } from "./inbox-table.tsx";
import { inboxMessages } from "./messages.ts";

/**
 * Agents' and admins' start page: the organization's tickets, newest first (nearest deadline first
 * under an SLA filter), a page at a time. A ticket event refreshes the list from its first page.
 */
export function InboxPage() {
  const t = useT(inboxMessages);
  const format = useFormat();
  const me = useMe();
  const filters = useSearch({ from: "/app/" });
  // The names the rows show load beside the first page, not after it.
  useUserDirectory();
  // While another filter's first page loads, the previous rows stay (dimmed) instead of a blank.
  const list = useInfiniteQuery({
    ...ticketListQuery(inboxListParams(filters, me.user.id)),
    placeholderData: keepPreviousData,
  });
  const tickets = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <InboxFilters filters={filters} />
      {list.isPending ? (
        <Loading label={t("loading")} />
      ) : list.isError && tickets.length === 0 ? (
        <ErrorMessage error={list.error} />
      ) : tickets.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-700">
          {filters.status || filters.assignee || filters.sla || filters.q ? t("noMatches") : t("empty")}
        </p>
      ) : (
        <>
          <div
            aria-busy={list.isPlaceholderData}
            className={list.isPlaceholderData ? "opacity-60" : undefined}
          >
            <InboxTable tickets={tickets} />
          </div>
          <div className="mt-3 flex items-center justify-between gap-2 text-sm text-slate-700">
            <p role="status">
              {t("showing", { count: tickets.length, number: format.number(tickets.length) })}
            </p>
            <LoadMoreButton list={list} label={t("loadMore")} loadingLabel={t("loadingMore")} />
          </div>
          {list.isFetchNextPageError && <ErrorMessage error={list.error} />}
        </>
      )}
    </>
  );
}
