import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api, call } from "../../api/client.ts";
import { ApiError } from "../../api/errors.ts";
import { Badge } from "../../components/ui/badge.tsx";
import { Button } from "../../components/ui/button.tsx";
import { ErrorMessage } from "../../components/ui/card.tsx";
import { TextAreaField } from "../../components/ui/field.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import type { DeadLetter } from "./job-queries.ts";
import { jobsMessages } from "./messages.ts";
import { parsePayload, payloadFieldErrors, payloadText } from "./payload-text.ts";

/** One dead letter: what failed and why, and its payload to retry as it was or edited. */
export function DeadLetterItem({ letter }: { letter: DeadLetter }) {
  const t = useT(jobsMessages);
  const format = useFormat();
  // Retried from this page: the form that had focus is gone, so focus moves to the note replacing it.
  // A letter already retried when the page opened takes no focus.
  const shownPending = useRef(letter.retriedAt === null);
  const retriedNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (letter.retriedAt !== null && shownPending.current) {
      shownPending.current = false;
      retriedNote.current?.focus();
    }
  }, [letter.retriedAt]);
  const facts: [string, string][] = [
    [t("queue"), letter.queue],
    [t("jobId"), letter.jobId],
    [t("failedAt"), format.dateTime(letter.failedAt)],
    [t("attempts"), format.number(letter.attemptsMade)],
  ];
  return (
    <li
      data-testid="dead-letter"
      data-dead-letter-id={letter.id}
      data-retried={letter.retriedAt !== null}
      className="rounded-md border border-slate-200 p-4"
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-sm font-semibold">{letter.jobName}</h3>
        <Badge tone={letter.retriedAt ? "green" : "amber"}>
          {letter.retriedAt ? t("retried") : t("notRetried")}
        </Badge>
      </div>
      <dl className="mb-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-700">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm font-medium text-slate-800">{t("error")}</p>
      <pre
        className="mb-3 rounded bg-red-50 p-2 text-sm whitespace-pre-wrap text-red-900"
        data-testid="dead-letter-error"
      >
        {letter.errorMessage}
      </pre>
      {letter.stack && (
        <details className="mb-3 text-sm">
          <summary className="cursor-pointer text-slate-800">{t("stack")}</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{letter.stack}</pre>
        </details>
      )}
      {letter.retriedAt ? (
        <>
          <p className="text-sm font-medium text-slate-800">{t("payload")}</p>
          <pre className="mb-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
            {payloadText(letter.payload)}
          </pre>
          <p ref={retriedNote} tabIndex={-1} className="text-sm text-slate-700">
            {t("retriedAs", { when: format.relative(letter.retriedAt), jobId: letter.retriedJobId ?? "" })}
          </p>
        </>
      ) : (
        <RetryForm letter={letter} />
      )}
    </li>
  );
}

function RetryForm({ letter }: { letter: DeadLetter }) {
  const t = useT(jobsMessages);
  const queryClient = useQueryClient();
  const original = payloadText(letter.payload);
  const [text, setText] = useState(original);
  const [problem, setProblem] = useState<string>();
  const retry = useMutation({
    mutationFn: (body: { payload?: Record<string, unknown> }) =>
      call(
        api.POST("/api/v1/admin/jobs/dead-letters/{id}/retry", { params: { path: { id: letter.id } }, body }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/admin/jobs/dead-letters"] });
      void queryClient.invalidateQueries({ queryKey: ["/api/v1/admin/jobs/stats"] });
    },
  });
  const fieldErrors = payloadFieldErrors(retry.error);
  const otherError =
    retry.error && !fieldErrors
      ? retry.error instanceof ApiError && retry.error.status === 409
        ? t("alreadyRetried")
        : retry.error
      : undefined;
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        // Unchanged, nothing is sent: the API retries the payload it holds.
        if (text.trim() === original.trim()) return retry.mutate({});
        const parsed = parsePayload(text);
        if ("problem" in parsed) {
          setProblem(
            parsed.problem === "json" ? t("invalidJson", { reason: parsed.reason }) : t("notObject"),
          );
          return;
        }
        setProblem(undefined);
        retry.mutate({ payload: parsed.payload });
      }}
    >
      <TextAreaField
        label={t("payload")}
        hint={t("payloadHint")}
        name="payload"
        spellCheck={false}
        rows={Math.min(12, original.split("\n").length + 1)}
        className="font-mono text-xs"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(undefined);
        }}
        error={problem ?? fieldErrors}
      />
      {otherError && <ErrorMessage error={otherError} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={retry.isPending}>
          {t("retry")}
        </Button>
        {text !== original && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setText(original);
              setProblem(undefined);
              retry.reset();
            }}
          >
            {t("restore")}
          </Button>
        )}
      </div>
    </form>
  );
}
