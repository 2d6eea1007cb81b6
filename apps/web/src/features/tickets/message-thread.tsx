import { useInfiniteQuery } from "@tanstack/react-query";
import { Badge } from "../../components/ui/badge.tsx";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { cn } from "../../components/ui/cn.ts";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { RelativeTime } from "./ticket-labels.tsx";
import { messagesQuery, type TicketDetail, type TicketMessage } from "./ticket-queries.ts";

/**
 * The conversation, oldest at the top as it reads, newest next to the reply box. It opens on the
 * latest messages the ticket came with; older pages load on demand above them.
 */
export function MessageThread(props: { ticket: TicketDetail; updatedAt: number }) {
  const t = useT(ticketMessages);
  const { ticket } = props;
  const thread = useInfiniteQuery({
    ...messagesQuery(ticket.id),
    initialData: () => ({
      pages: [{ data: [...ticket.messages].reverse(), nextCursor: ticket.olderMessagesCursor }],
      pageParams: [undefined],
    }),
    initialDataUpdatedAt: props.updatedAt,
  });
  const messages = (thread.data?.pages ?? []).flatMap((page) => page.data).reverse();
  return (
    <section aria-labelledby="thread-title" className="space-y-3">
      <h2 id="thread-title" className="text-base font-semibold">
        {t("conversation")}
      </h2>
      <LoadMoreButton list={thread} label={t("loadOlder")} loadingLabel={t("loadingOlder")} size="sm" />
      {thread.isFetchNextPageError && <ErrorMessage error={thread.error} />}
      <ol className="space-y-3">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageItem message={message} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function MessageItem(props: { message: TicketMessage }) {
  const t = useT(ticketMessages);
  const { message } = props;
  return (
    <article
      data-testid="message"
      data-internal={String(message.internal)}
      className={cn(
        "rounded-lg border p-4",
        message.internal
          ? "border-amber-400 border-l-4 bg-amber-50"
          : message.author.role === "customer"
            ? "border-slate-200 bg-white"
            : "border-indigo-200 bg-indigo-50/40",
      )}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-semibold text-slate-900">{message.author.name}</span>
        <span className="text-slate-600">{t(`role_${message.author.role}`)}</span>
        {message.internal && <Badge tone="amber">{t("internalNote")}</Badge>}
        <span className="ml-auto text-slate-600">
          <RelativeTime iso={message.createdAt} />
        </span>
      </header>
      <p className="text-sm whitespace-pre-wrap break-words text-slate-900">{message.body}</p>
    </article>
  );
}
