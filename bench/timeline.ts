/**
 * `BENCH_TIMELINE=1`: the slowest event of each half second of a run, by when it was sent. It tells
 * the two causes of a tail apart: a few stalls (a pause, a compile, a checkpoint) show as one or two
 * slices far above the rest; cores near saturation show as most slices well above the median.
 */
export const timelineWanted = Boolean(process.env.BENCH_TIMELINE);

/** `samples`: [sent at, latency] in ms, on the clock of `started`. */
export function slowestPerHalfSecond(samples: readonly [number, number][], started: number): string {
  const slowest = new Map<number, number>();
  for (const [sentAt, latency] of samples) {
    const slice = Math.floor((sentAt - started) / 500);
    slowest.set(slice, Math.max(slowest.get(slice) ?? 0, latency));
  }
  return [...slowest]
    .sort(([a], [b]) => a - b)
    .map(([slice, latency]) => `${slice / 2}s:${Math.round(latency)}`)
    .join(" ");
}
