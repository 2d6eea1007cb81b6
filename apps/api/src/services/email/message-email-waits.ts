import { setBounded } from "../../lib/bounded-map.ts";

/**
 * How far apart, in all, the clocks of the hosts that stamp and compare the times below (API,
 * workers, PostgreSQL) may be: it assumes NTP keeps them well within a second of each other. A
 * worker whose clock runs further ahead could start and finish a wait while another process still
 * skips replies for it (docs/notifications.md, E-mail).
 */
export const CLOCK_MARGIN_MS = 1_000;

/**
 * The message-e-mail waits (`ticket.message-email-wait`) this process knows to be pending, by
 * deduplication id, each with a time before which it cannot finish. Until then, another reply on
 * the same (ticket, recipient) needs no add: the add would find the wait under its deduplication
 * id and change nothing, and the wait lists every message new to the recipient when it finishes.
 *
 * Each add it saves is a Valkey command, worker and Valkey CPU spent to change nothing
 * (bench/RESULTS.md).
 * Known only to this process: a wait queued or delayed elsewhere is found by the add, as before.
 */
export class MessageEmailWaits {
  private readonly until = new Map<string, number>();

  /** An evicted entry only costs its next reply an add that finds the wait. */
  constructor(private readonly limit = 10_000) {}

  /** Whether the wait under `key` is known pending and unable to finish before `now`. */
  covers(key: string, now = Date.now()): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(key);
    return false;
  }

  /** The wait under `key` cannot finish before `time` (ms since the epoch), less the clock margin. */
  pendingUntil(key: string, time: number, now = Date.now()): void {
    const until = time - CLOCK_MARGIN_MS;
    if (until > now) setBounded(this.until, key, until, this.limit);
    else this.until.delete(key);
  }

  /** The wait under `key` has finished (or is no longer known). */
  forget(key: string): void {
    this.until.delete(key);
  }
}
