import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api, call } from "../../api/client.ts";
import { ApiError, fieldError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { TextAreaField } from "../../components/ui/field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import type { TicketDetail, TicketMessage } from "./ticket-queries.ts";

/** The API's limit on a message body (addMessageInput). */
const BODY_MAX = 20_000;

/** A public reply, or for staff an internal note (ticked, the box and its button say so). */
export function ReplyForm(props: { ticket: TicketDetail; staff: boolean }) {
  const t = useT(ticketMessages);
  const queryClient = useQueryClient();
  const { ticket } = props;
  const [internal, setInternal] = useState(false);
  const [emptyError, setEmptyError] = useState<string>();
  // One key per draft: a send retried after a lost answer is not posted twice.
  const idempotencyKey = useRef(crypto.randomUUID());
  const send = useMutation({
    mutationFn: (body: { body: string; internal: boolean }) =>
      call(
        api.POST("/api/v1/tickets/{id}/messages", {
          params: { path: { id: ticket.id }, header: { "Idempotency-Key": idempotencyKey.current } },
          body,
        }),
      ),
    onSuccess: (message) => {
      idempotencyKey.current = crypto.randomUUID();
      const thread = ["/api/v1/tickets/{id}/messages", ticket.id];
      queryClient.setQueryData<InfiniteData<{ data: TicketMessage[]; nextCursor: string | null }>>(
        thread,
        (old) =>
          old && {
            ...old,
            pages: old.pages.map((page, i) => (i === 0 ? { ...page, data: [message, ...page.data] } : page)),
          },
      );
      // The message shows at once; the thread is read again all the same, because a read already
      // under way (a socket event's) predates it and would otherwise land without it. Status,
      // first response and SLA may follow a message: the ticket is read again too.
      void queryClient.invalidateQueries({ queryKey: thread, exact: true });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets/{id}", ticket.id] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/tickets"] });
    },
  });

  if (ticket.status === "closed") {
    return <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">{t("closedNoReply")}</p>;
  }
  const error = send.error;
  return (
    <form
      aria-labelledby="reply-title"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const body = String(new FormData(form).get("body") ?? "").trim();
        if (!body) {
          setEmptyError(t("bodyRequired"));
          return;
        }
        setEmptyError(undefined);
        send.mutate({ body, internal: props.staff && internal }, { onSuccess: () => form.reset() });
      }}
    >
      <h2 id="reply-title" className="text-base font-semibold">
        {internal ? t("addNoteTitle") : t("replyTitle")}
      </h2>
      {props.staff && (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="internal"
            checked={internal}
            onChange={(event) => setInternal(event.currentTarget.checked)}
            className="size-4 rounded border-slate-400 focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          {t("internalNoteToggle")}
        </label>
      )}
      <TextAreaField
        label={internal ? t("noteLabel") : t("replyLabel")}
        hint={internal ? t("noteHint") : undefined}
        name="body"
        rows={5}
        required
        maxLength={BODY_MAX}
        className={internal ? "border-amber-400 bg-amber-50" : undefined}
        error={emptyError ?? fieldError(error, "body")}
      />
      {error && !(error instanceof ApiError && error.fields.body) && <ErrorMessage error={error} />}
      <Button type="submit" disabled={send.isPending}>
        {send.isPending ? t("sending") : internal ? t("addNote") : t("sendReply")}
      </Button>
    </form>
  );
}
