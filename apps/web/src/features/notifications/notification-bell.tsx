import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Popover } from "radix-ui";
import { useState } from "react";
import { Button } from "../../components/ui/button.tsx";
import { cn } from "../../components/ui/cn.ts";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { notificationMessages } from "./messages.ts";
import { NotificationItem } from "./notification-item.tsx";
import { latestNotificationsQuery, useMarkAllRead } from "./notification-queries.ts";

/** The shell's bell: the unread count, and a popover with the latest notifications. */
export function NotificationBell() {
  const t = useT(notificationMessages);
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const { data } = useQuery(latestNotificationsQuery);
  const markAllRead = useMarkAllRead();
  const unread = data?.unreadCount ?? 0;
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          data-testid="notification-bell"
          aria-label={t("bellLabel", { count: unread })}
          className="relative inline-flex items-center gap-1 rounded-md px-2 py-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <BellIcon />
          <span
            data-testid="notification-count"
            className={cn(
              "min-w-5 rounded-full px-1.5 text-center text-xs font-semibold",
              unread > 0 ? "bg-red-700 text-white" : "bg-slate-200 text-slate-800",
            )}
          >
            {format.number(unread)}
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          aria-labelledby="notification-popover-title"
          className="z-40 w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
            <p id="notification-popover-title" className="text-sm font-semibold">
              {t("latest")}
            </p>
            <Button
              variant="ghost"
              size="sm"
              disabled={unread === 0 || markAllRead.isPending}
              onClick={() => markAllRead.mutate()}
            >
              {t("markAllRead")}
            </Button>
          </div>
          {!data ? (
            <p className="px-3 py-4 text-sm text-slate-600">{t("loading")}</p>
          ) : data.data.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-600">{t("empty")}</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {data.data.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  onOpen={() => setOpen(false)}
                />
              ))}
            </ul>
          )}
          <div className="border-t border-slate-200 px-3 py-2 text-sm">
            <Link to="/notifications" className="text-indigo-700 underline" onClick={() => setOpen(false)}>
              {t("seeAll")}
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
