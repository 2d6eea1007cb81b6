import { useMutation } from "@tanstack/react-query";
import { api, call } from "../../api/client.ts";
import { ApiError } from "../../api/errors.ts";
import { Button } from "../../components/ui/button.tsx";
import { useT } from "../../i18n/use-t.ts";
import { jobsMessages } from "./messages.ts";

/**
 * Starts a schedule's job at once. The API's refusals are answers, not failures: a digest or report
 * already sent for its period (409) and a platform scan an admin may not run (403) say so here.
 * `describedBy` names the element that names the job, so each button is told apart by what it runs.
 */
export function RunNowButton({ id, describedBy }: { id: string; describedBy: string }) {
  const t = useT(jobsMessages);
  const run = useMutation({
    mutationFn: () =>
      call(api.POST("/api/v1/admin/jobs/schedulers/{id}/run", { params: { path: { id } }, body: {} })),
  });
  const error = run.error;
  const outcome = run.data
    ? run.data.period
      ? t("startedFor", { period: run.data.period, jobId: run.data.jobId })
      : t("started", { jobId: run.data.jobId })
    : error instanceof ApiError && error.status === 409
      ? t("alreadySent")
      : error instanceof ApiError && error.status === 403
        ? t("operatorOnly")
        : error?.message;
  return (
    <div className="space-y-1">
      <Button
        size="sm"
        variant="secondary"
        disabled={run.isPending}
        aria-describedby={describedBy}
        onClick={() => run.mutate()}
      >
        {run.isPending ? t("starting") : t("runNow")}
      </Button>
      <p
        aria-live="polite"
        data-testid="run-now-result"
        className={error ? "text-sm text-red-800" : "text-sm text-slate-700"}
      >
        {outcome}
      </p>
    </div>
  );
}
