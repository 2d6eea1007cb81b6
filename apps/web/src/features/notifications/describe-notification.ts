import { useCallback } from "react";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { notificationMessages } from "./messages.ts";
import type { Notification } from "./notification-queries.ts";

const statuses = ["new", "open", "pending", "resolved", "closed"] as const;
const targets = ["first_response", "next_response", "resolution"] as const;

const pick = <T extends string>(options: readonly T[], value: unknown): T | undefined =>
  options.find((option) => option === value);

/**
 * One sentence per notification, from its type and the facts its `data` carries (ticket number and
 * subject; the new status; the SLA target and deadline). A type this app does not know yet still
 * reads as news about its ticket.
 */
export function useDescribeNotification() {
  const t = useT(notificationMessages);
  const format = useFormat();
  return useCallback(
    (notification: Notification): string => {
      const { data } = notification;
      // A ticket number is an identifier, written as the e-mails write it ("#1234"), not a quantity.
      const facts = {
        number: typeof data.ticketNumber === "number" ? String(data.ticketNumber) : "?",
        subject: typeof data.subject === "string" ? data.subject : "",
      };
      const status = pick(statuses, data.toStatus);
      const target = pick(targets, data.target);
      const due = typeof data.dueAt === "string" ? format.dateTime(data.dueAt) : "";
      const sla = { ...facts, target: target ? t(`target_${target}`) : "", due };
      switch (notification.type) {
        case "ticket.created":
          return t("ticketCreated", facts);
        case "message.added":
          return t("messageAdded", { ...facts, count: notification.count });
        case "ticket.assigned":
          return t("ticketAssigned", facts);
        case "ticket.status_changed":
          if (status) return t("statusChanged", { ...facts, status: t(`status_${status}`) });
          break;
        case "sla.warning":
          return t("slaWarning", sla);
        case "sla.breached":
          return t("slaBreached", sla);
      }
      return notification.ticketId ? t("other", facts) : t("otherWithoutTicket");
    },
    [t, format],
  );
}
