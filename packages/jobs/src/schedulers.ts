import type { Catalog } from "./define.ts";
import type { JobRuntime } from "./runtime.ts";

/**
 * Registers every scheduled job of the catalog under its job name as the scheduler id.
 * upsertJobScheduler is atomic in Valkey and its next-run job id is derived from the scheduler id
 * and the run time, so any number of processes may boot and call this at once: one scheduler, one
 * job per run.
 */
export async function registerSchedulers<C extends Catalog>(runtime: JobRuntime<C>): Promise<string[]> {
  const registered: string[] = [];
  for (const [name, definition] of Object.entries(runtime.catalog)) {
    if (!definition.schedule) continue;
    await runtime
      .queue(definition.queue)
      .upsertJobScheduler(
        name,
        { pattern: definition.schedule.pattern, tz: definition.schedule.timezone ?? "UTC" },
        { name, data: {}, opts: runtime.jobOptions(name, null) },
      );
    registered.push(name);
  }
  return registered;
}

/**
 * Registers the schedulers, retrying with backoff while Valkey is unreachable, so a process that
 * boots during a Valkey outage still gets its schedules once Valkey is back (and never crashes on it).
 */
export async function registerSchedulersWhenReachable<C extends Catalog>(
  runtime: JobRuntime<C>,
  options: { maxDelayMs?: number; signal?: AbortSignal } = {},
): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerSchedulers(runtime);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      runtime.log.warn({ err: error, attempt }, "could not register job schedulers yet; retrying");
      await Bun.sleep(Math.min(200 * 2 ** attempt, options.maxDelayMs ?? 10_000));
    }
  }
}
