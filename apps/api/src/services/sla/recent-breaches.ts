/** A deadline as a timer names it. */
interface DeadlineKey {
  ticketId: string;
  target: string;
  dueAt: Date;
}

const keyOf = (deadline: DeadlineKey) =>
  `${deadline.ticketId}:${deadline.target}:${deadline.dueAt.getTime()}`;

/**
 * The deadlines this process recorded lately in a batch (record-due-breaches.ts): their own timers
 * come right behind, and need not ask the database to learn they have nothing to do. Forgetting
 * is safe (the timer then reads, and finds the breach recorded); the oldest go first.
 */
export class RecentBreaches {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(deadline: DeadlineKey): boolean {
    return this.keys.has(keyOf(deadline));
  }

  add(deadlines: readonly DeadlineKey[]): void {
    for (const deadline of deadlines) this.keys.add(keyOf(deadline));
    // A Set iterates in insertion order: its first keys are the oldest.
    for (const key of this.keys) {
      if (this.keys.size <= this.capacity) break;
      this.keys.delete(key);
    }
  }
}
