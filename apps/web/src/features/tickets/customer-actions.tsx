import { Button } from "../../components/ui/button.tsx";
import { Card, ErrorMessage } from "../../components/ui/card.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { customerCanReopen, customerCanResolve } from "./status-transitions.ts";
import type { TicketDetail } from "./ticket-queries.ts";
import { useUpdateTicket } from "./use-update-ticket.ts";

/** A customer marks their ticket solved, or reopens it while it is resolved. */
export function CustomerActions(props: { ticket: TicketDetail }) {
  const t = useT(ticketMessages);
  const update = useUpdateTicket(props.ticket.id);
  const { status } = props.ticket;
  return (
    <Card title={t("yourTicket")}>
      <p className="mb-3 text-sm text-slate-700">
        {status === "closed" ? t("closedHelp") : status === "resolved" ? t("resolvedHelp") : t("openHelp")}
      </p>
      {customerCanResolve(status) && (
        <Button disabled={update.isPending} onClick={() => update.mutate({ status: "resolved" })}>
          {t("markResolved")}
        </Button>
      )}
      {customerCanReopen(status) && (
        <Button
          variant="secondary"
          disabled={update.isPending}
          onClick={() => update.mutate({ status: "open" })}
        >
          {t("reopen")}
        </Button>
      )}
      {update.error && (
        <div className="mt-3">
          <ErrorMessage error={update.error} />
        </div>
      )}
    </Card>
  );
}
