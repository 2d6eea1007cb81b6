import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect } from "react";
import { ApiError } from "../../api/errors.ts";
import { isStaff, useMe } from "../../auth/me-query.ts";
import { ErrorMessage, Loading } from "../../components/ui/card.tsx";
import { useT } from "../../i18n/use-t.ts";
import { CustomerActions } from "./customer-actions.tsx";
import { FollowersCard } from "./followers-card.tsx";
import { MessageThread } from "./message-thread.tsx";
import { ticketMessages } from "./messages.ts";
import { ReplyForm } from "./reply-form.tsx";
import { SlaPanel } from "./sla-panel.tsx";
import { TicketControls } from "./ticket-controls.tsx";
import { TicketHeader } from "./ticket-header.tsx";
import { followersQuery, slaPoliciesQuery, ticketQuery } from "./ticket-queries.ts";
import { userDirectoryQuery } from "./user-directory.ts";

/**
 * One ticket: its conversation and reply box, and beside them what staff change and watch
 * (status, priority, assignee, SLA, followers) or, for its customer, resolve and reopen.
 */
export function TicketPage() {
  const t = useT(ticketMessages);
  const { id } = useParams({ from: "/app/tickets/$id" });
  const me = useMe();
  const ticket = useQuery(ticketQuery(id));
  const staff = isStaff(me.user.role);
  const queryClient = useQueryClient();
  // What the side panels read starts loading with the ticket, not after it.
  useEffect(() => {
    if (!staff) return;
    void queryClient.prefetchQuery(userDirectoryQuery);
    void queryClient.prefetchQuery(slaPoliciesQuery);
    void queryClient.prefetchQuery(followersQuery(id));
  }, [staff, id, queryClient]);

  if (ticket.isPending) return <Loading label={t("loadingTicket")} />;
  if (ticket.isError) {
    const missing = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold">{missing ? t("notFoundTitle") : t("errorTitle")}</h1>
        {missing ? (
          <p className="text-sm text-slate-700">{t("notFound")}</p>
        ) : (
          <ErrorMessage error={ticket.error} />
        )}
        <Link to="/" className="text-sm text-indigo-700 underline">
          {t("backToList")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <TicketHeader ticket={ticket.data} staff={staff} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <MessageThread ticket={ticket.data} updatedAt={ticket.dataUpdatedAt} />
          <ReplyForm key={ticket.data.id} ticket={ticket.data} staff={staff} />
        </div>
        <div className="space-y-4">
          {staff ? (
            <>
              <TicketControls ticket={ticket.data} />
              <SlaPanel ticket={ticket.data} />
              <FollowersCard ticketId={ticket.data.id} />
            </>
          ) : (
            <CustomerActions ticket={ticket.data} />
          )}
        </div>
      </div>
    </div>
  );
}
