/** What a value is once it passed an `if`: `rows.length > 0 && rows` is the rows. */
type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

/** Polls `probe` until it returns a truthy value or the deadline passes (then throws, naming `what`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
    } catch (error) {
      last = error;
    }
    await Bun.sleep(options.intervalMs ?? 25);
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

export const uniquePrefix = (label: string) =>
  `${process.env.QUEUE_PREFIX ?? "hdtest"}-${label}-${crypto.randomUUID().slice(0, 8)}`;
