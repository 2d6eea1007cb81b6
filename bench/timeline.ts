/**
 * `BENCH_TIMELINE=1`: the slowest event of each half second of a run, by when it was sent. It tells
 * the two causes of a tail apart, judged against each other (each slice holds ~100 events, so its
 * slowest sits near the run's p99 whatever the cause): a few stalls (a pause, a compile, a
 * checkpoint) show as a few slices far above the rest; queueing on busy cores shows as slices
 * spread evenly around the run's p99.
 */
export const timelineWanted = process.env.BENCH_TIMELINE === "1";

/**
 * `samples`: [sent at, latency] in ms, on the clock of `started`. The run's last event is due at
 * exactly `seconds` and goes in the last slice; a slice with no event delivered shows as "–".
 */
export function slowestPerHalfSecond(
  samples: readonly [number, number][],
  started: number,
  seconds: number,
): string {
  const lastSlice = seconds * 2 - 1;
  const slowest = new Array<number | undefined>(lastSlice + 1).fill(undefined);
  for (const [sent, latency] of samples) {
    const slice = Math.min(lastSlice, Math.floor((sent - started) / 500));
    slowest[slice] = Math.max(slowest[slice] ?? 0, latency);
  }
  return slowest
    .map((latency, slice) => `${slice / 2}s:${latency === undefined ? "–" : Math.round(latency)}`)
    .join(" ");
}
