import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage, Loading, PageTitle } from "../../components/ui/card.tsx";
import { FormError, SavedStatus } from "../../components/ui/form-feedback.tsx";
import { LoadMoreButton } from "../../components/ui/load-more-button.tsx";
import { useT } from "../../i18n/use-t.ts";
import { notificationMessages } from "./messages.ts";
import { NotificationItem } from "./notification-item.tsx";
import { listNotifications, NOTIFICATIONS, useMarkAllRead } from "./notification-queries.ts";

const PAGE_SIZE = 25;

/** Every notification of the user, unread first, a page at a time. */
export function NotificationsPage() {
  const t = useT(notificationMessages);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const params = { limit: PAGE_SIZE, ...(unreadOnly ? { unread: "true" as const } : {}) };
  const list = useInfiniteQuery({
    // "pages" keeps this list's cached shape apart from a one-page query with the same parameters.
    queryKey: [NOTIFICATIONS, params, "pages"],
    queryFn: ({ pageParam }) => listNotifications(pageParam ? { ...params, cursor: pageParam } : params),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const markAllRead = useMarkAllRead();
  const pages = list.data?.pages ?? [];
  const notifications = pages.flatMap((page) => page.data);
  const unread = pages[0]?.unreadCount ?? 0;

  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <Button
            variant="secondary"
            disabled={unread === 0 || markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            {t("markAllRead")}
          </Button>
        }
      >
        {t("title")}
      </PageTitle>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <fieldset className="flex items-center gap-1">
          <legend className="sr-only">{t("show")}</legend>
          {[false, true].map((option) => (
            <Button
              key={String(option)}
              size="sm"
              variant={option === unreadOnly ? "primary" : "secondary"}
              aria-pressed={option === unreadOnly}
              onClick={() => setUnreadOnly(option)}
            >
              {option ? t("showUnread") : t("showAll")}
            </Button>
          ))}
        </fieldset>
        <p className="text-sm text-slate-700" data-testid="unread-count">
          {t("unreadCount", { count: unread })}
        </p>
      </div>
      <SavedStatus shown={markAllRead.isSuccess}>{t("allMarkedRead")}</SavedStatus>
      <FormError error={markAllRead.error} fields={() => false} />
      <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
        {list.isPending ? (
          <Loading label={t("loading")} />
        ) : list.isError ? (
          <ErrorMessage error={list.error} />
        ) : notifications.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{unreadOnly ? t("emptyUnread") : t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {notifications.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} />
            ))}
          </ul>
        )}
      </div>
      <LoadMoreButton list={list} label={t("loadMore")} loadingLabel={t("loading")} />
    </div>
  );
}
