/** Small pieces the benchmarks share. */

/** The value at quantile `q` of ascending `sorted`, rounded to the ms (NaN when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
}

/** Polls `ready` until it says yes, or fails after `timeoutMs`. */
export async function until(ready: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error("the API or worker process did not become ready");
    await Bun.sleep(50);
  }
}

export async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}
