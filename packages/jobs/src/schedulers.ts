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
        { name, data: {}, opts: definition.options },
      );
    registered.push(name);
  }
  return registered;
}
