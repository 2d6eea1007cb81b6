import type { JobRun } from "@helpdesk/jobs/define";
import type { Logger } from "pino";

/**
 * The context with the job's own logger, made only if something logs: the hot jobs (ticket
 * events, SLA timers) rarely log, and a pino child per job costs CPU (bench/RESULTS.md).
 */
export function withJobLog<C extends { log: Logger }>(ctx: C, run: JobRun): C {
  return {
    ...ctx,
    get log() {
      return run.log;
    },
  };
}
