import { useSyncExternalStore } from "react";

/**
 * One clock for every countdown on the page: a single timer ticks on each whole second while at
 * least one component listens, so a list full of SLA badges costs one timer, not one each, and they
 * all turn over together.
 */
const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;
let now = wholeSecond();
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

const untilNextSecond = () => 1000 - (Date.now() % 1000);

function tick() {
  now = wholeSecond();
  for (const listener of listeners) listener();
  timer = setTimeout(tick, untilNextSecond());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) timer = setTimeout(tick, untilNextSecond());
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

// Unwatched, the clock stands still: the first reader after a quiet spell must not see an old time.
function snapshot() {
  if (listeners.size === 0) now = wholeSecond();
  return now;
}

/** The current time in milliseconds (whole seconds), re-rendering the caller every second. */
export function useNow() {
  return useSyncExternalStore(subscribe, snapshot);
}
