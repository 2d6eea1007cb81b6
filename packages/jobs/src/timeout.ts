/** The error an attempt fails with when its job's `timeoutMs` passes; the queue retries it as any failure. */
export class JobTimeoutError extends Error {
  override name = "JobTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`Job timed out after ${timeoutMs} ms`);
  }
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs`, and fails at that moment whether or not
 * the work honours the signal: a handler stuck on a call that takes no signal still frees its
 * attempt. What such work returns or throws later is discarded.
 */
export async function withTimeout<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const running = work(controller.signal);
  // Once the race is lost, the work's own outcome has nobody to go to: swallow it.
  running.catch(() => {});
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
