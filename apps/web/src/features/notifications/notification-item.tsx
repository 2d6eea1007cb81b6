import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { Badge } from "../../components/ui/badge.tsx";
import { Button } from "../../components/ui/button.tsx";
import { cn } from "../../components/ui/cn.ts";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { useDescribeNotification } from "./describe-notification.ts";
import { notificationMessages } from "./messages.ts";
import { type Notification, useMarkRead } from "./notification-queries.ts";

/**
 * One notification: what happened, when, and a link to its ticket. Following the link marks it
 * read, as reading the ticket is what it asked for; "Mark read" does so without leaving.
 */
export function NotificationItem(props: { notification: Notification; onOpen?: () => void }) {
  const { notification } = props;
  const t = useT(notificationMessages);
  const format = useFormat();
  const describe = useDescribeNotification();
  const markRead = useMarkRead();
  const descriptionId = useId();
  const unread = notification.readAt === null;
  const text = describe(notification);
  // The latest event of an unread row is its updatedAt; marking read touches updatedAt too, so a
  // read row tells its time by createdAt.
  const at = unread ? notification.updatedAt : notification.createdAt;
  const open = () => {
    if (unread) markRead.mutate(notification.id);
    props.onOpen?.();
  };
  return (
    <li
      data-testid="notification"
      data-unread={unread}
      className={cn("flex items-start gap-3 px-3 py-2", unread && "bg-indigo-50")}
    >
      <div className="min-w-0 flex-1 space-y-0.5">
        <p id={descriptionId} className={cn("text-sm", unread ? "font-semibold" : "text-slate-800")}>
          {unread && (
            <Badge tone="blue" className="mr-1.5 align-middle">
              {t("unread")}
            </Badge>
          )}
          {notification.ticketId ? (
            <Link
              to="/tickets/$id"
              params={{ id: notification.ticketId }}
              className="text-indigo-800 underline-offset-2 hover:underline focus-visible:underline"
              onClick={open}
            >
              {text}
            </Link>
          ) : (
            text
          )}
        </p>
        <p className="text-xs text-slate-600">
          <time dateTime={at} title={format.dateTime(at)}>
            {format.relative(at)}
          </time>
        </p>
      </div>
      {unread && (
        <Button
          variant="secondary"
          size="sm"
          aria-describedby={descriptionId}
          disabled={markRead.isPending}
          onClick={() => markRead.mutate(notification.id)}
        >
          {t("markRead")}
        </Button>
      )}
    </li>
  );
}
