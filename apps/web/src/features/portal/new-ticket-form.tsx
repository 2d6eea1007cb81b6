import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useRef } from "react";
import { api, call } from "../../api/client.ts";
import { ApiError, fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { Card, ErrorMessage } from "../../components/ui/card.tsx";
import { SelectField, TextAreaField, TextField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { type TicketPriority, ticketPriorities } from "../tickets/ticket-queries.ts";
import { portalMessages } from "./messages.ts";

/** The API's limits (createTicketInput). */
const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;

/** A customer opens a ticket for themself, then lands on it. */
export function NewTicketForm() {
  const t = useT(portalMessages);
  const tt = useT(ticketMessages);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // One key per draft: a submit retried after a lost answer opens one ticket, not two.
  const idempotencyKey = useRef(crypto.randomUUID());
  const open = useMutation({
    mutationFn: (body: { subject: string; body: string; priority: TicketPriority }) =>
      call(
        api.POST("/api/v1/tickets", {
          params: { header: { "Idempotency-Key": idempotencyKey.current } },
          body,
        }),
      ),
    onSuccess: async (ticket) => {
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
      await navigate({ to: "/tickets/$id", params: { id: ticket.id } });
    },
  });
  const error = open.error;
  return (
    <Card title={t("newTicketTitle")}>
      <form
        aria-label={t("newTicketTitle")}
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          open.mutate({
            subject: String(form.get("subject") ?? "").trim(),
            body: String(form.get("body") ?? "").trim(),
            priority: String(form.get("priority")) as TicketPriority,
          });
        }}
      >
        <TextField
          label={t("subject")}
          name="subject"
          required
          maxLength={SUBJECT_MAX}
          error={fieldError(error, "subject")}
        />
        <TextAreaField
          label={t("describe")}
          name="body"
          rows={6}
          required
          maxLength={BODY_MAX}
          error={fieldError(error, "body")}
        />
        <SelectField
          label={t("priority")}
          name="priority"
          defaultValue="normal"
          error={fieldError(error, "priority")}
        >
          {ticketPriorities.map((priority) => (
            <option key={priority} value={priority}>
              {tt(`priority_${priority}`)}
            </option>
          ))}
        </SelectField>
        {error && !(error instanceof ApiError && Object.keys(error.fields).length > 0) && (
          <ErrorMessage error={error} />
        )}
        <Button type="submit" disabled={open.isPending}>
          {open.isPending ? t("opening") : t("openTicket")}
        </Button>
      </form>
    </Card>
  );
}
