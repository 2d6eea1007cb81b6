import { Badge, type Tone } from "../../components/ui/badge.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import type { TicketPriority, TicketStatus } from "./ticket-queries.ts";

const statusTones: Record<TicketStatus, Tone> = {
  new: "violet",
  open: "blue",
  pending: "amber",
  resolved: "green",
  closed: "grey",
};

const priorityTones: Record<TicketPriority, Tone> = {
  low: "grey",
  normal: "grey",
  high: "amber",
  urgent: "red",
};

export function StatusBadge(props: { status: TicketStatus }) {
  const t = useT(ticketMessages);
  return <Badge tone={statusTones[props.status]}>{t(`status_${props.status}`)}</Badge>;
}

export function PriorityBadge(props: { priority: TicketPriority }) {
  const t = useT(ticketMessages);
  return <Badge tone={priorityTones[props.priority]}>{t(`priority_${props.priority}`)}</Badge>;
}

/** "3 minutes ago", with the exact time on hover and for machines. */
export function RelativeTime(props: { iso: string }) {
  const format = useFormat();
  return (
    <time dateTime={props.iso} title={format.dateTime(props.iso)}>
      {format.relative(props.iso)}
    </time>
  );
}
