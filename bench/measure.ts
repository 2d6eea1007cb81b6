import type { Variant } from "./variants.ts";

/**
 * Jobs per second a worker at `concurrency` drains from a pre-filled queue. The clock starts after
 * the first 10% of jobs, once connections are warm and the JIT has compiled the hot path.
 */
export async function processingRate(variant: Variant, concurrency: number, jobs: number): Promise<number> {
  for (let i = 0; i < jobs; i += 1_000) await variant.addBulk(range(i, Math.min(i + 1_000, jobs)));
  const warmup = Math.floor(jobs / 10);
  let done = 0;
  let start = 0;
  const finished = Promise.withResolvers<number>();
  const worker = await variant.startWorker(concurrency, () => {
    done += 1;
    if (done === warmup) start = performance.now();
    if (done === jobs) finished.resolve(performance.now());
  });
  const end = await finished.promise;
  await worker.close();
  return (jobs - warmup) / ((end - start) / 1000);
}

/** Adds per second with `inFlight` adds outstanding at a time. */
export async function enqueueRate(
  add: (n: number) => Promise<unknown>,
  total: number,
  inFlight: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await add(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** add → completed latency while adding `rate` jobs/s for `seconds`; returns p50 and p99 in ms. */
export async function steadyLatency(variant: Variant, rate: number, seconds: number) {
  const latencies: number[] = [];
  const total = rate * seconds;
  const finished = Promise.withResolvers<void>();
  const worker = await variant.startWorker(10, (job) => {
    latencies.push(Date.now() - job.timestamp);
    if (latencies.length === total) finished.resolve();
  });
  const started = performance.now();
  let added = 0;
  while (added < total) {
    // Catch up to the schedule every tick, so timer jitter doesn't lower the rate.
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (added < due) void variant.add(added++);
    await Bun.sleep(2);
  }
  await finished.promise;
  await worker.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
