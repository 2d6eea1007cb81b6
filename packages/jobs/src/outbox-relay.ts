import { outboxEvents } from "@helpdesk/db/schema";
import { and, asc, inArray, type SQL, sql } from "drizzle-orm";
import type { Catalog } from "./define.ts";
import { jobIdFor } from "./job-ids.ts";
import { type QueueName, queueNames } from "./queues.ts";
import type { JobRuntime } from "./runtime.ts";

const ADD_TIMEOUT_MS = 5_000;

/**
 * Moves outbox rows to BullMQ. A pass takes and deletes a batch of rows in one statement
 * (`DELETE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, so relays in several processes never
 * take the same row), adds them with the row id in the job id (so a retried pass never duplicates a
 * job BullMQ still holds), and commits. If Valkey refuses, the transaction rolls back and the rows
 * are back for the sweep. Deleting rather than stamping keeps the table as small as the backlog.
 *
 * Two kinds of pass:
 * - the fast path, `kick(ids)` right after a commit: the rows this process just wrote, found by
 *   primary key. It never scans, which matters because a queue table is mostly dead tuples until
 *   vacuum runs: scanning it on every commit cost 5.5 ms a pass in bench/ with autovacuum off.
 * - the sweep, `kick()` and every interval: the oldest rows of any process, for rows left behind
 *   (Valkey was down at commit time, or the process died between commit and relay).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly sweepIntervalMs: number;
  /**
   * Only jobs this process knows are taken: a row written by a newer version during a rolling
   * deploy waits for a process that knows it, instead of failing every pass.
   */
  private readonly relayable: SQL | undefined;
  /** Committed by this process and not relayed yet: the fast path's work. */
  private readonly fresh = new Set<string>();
  private sweepDue = false;
  private running: Promise<void> | undefined;
  private pendingKick = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly runtime: JobRuntime<Catalog>,
    options: { batchSize?: number; sweepIntervalMs?: number } = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
    const knownJobs = Object.keys(runtime.catalog);
    this.relayable = and(
      inArray(outboxEvents.jobName, knownJobs),
      inArray(outboxEvents.queue, [...queueNames]),
    );
  }

  /**
   * The fast path's rows: these ids, bound as one array so that every batch size shares one
   * prepared statement and plan. With a list of parameters (\`id in ($1, …, $n)\`) each size was
   * planned anew, and on a table whose statistics lagged the planner chose a sequential scan:
   * that cost PostgreSQL ~250 µs per event in bench/ (more than the writer's own transaction).
   */
  private freshRows(ids: readonly string[]) {
    return and(this.relayable, sql`${outboxEvents.id} = any(${`{${ids.join(",")}}`}::uuid[])`);
  }

  /** Starts the periodic sweep (producers that also run the relay: API and worker processes). */
  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.sweepIntervalMs);
    this.kick();
  }

  /**
   * Asks for a pass as soon as possible: over `ids` (just committed), or a sweep when none are
   * given. Kicks during a pass coalesce into one more pass.
   */
  kick(ids?: readonly string[]): void {
    if (this.stopped) return;
    if (ids) for (const id of ids) this.fresh.add(id);
    else this.sweepDue = true;
    if (this.running) {
      this.pendingKick = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.pendingKick) {
        this.pendingKick = false;
        this.kick([]);
      }
    });
  }

  /** Resolves when no pass is running (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && this.fresh.size > 0) {
        const ids = [...this.fresh].slice(0, this.batchSize);
        for (const id of ids) this.fresh.delete(id); // taken, or failed and left to the sweep
        await this.relayBatch(ids);
      }
      if (this.sweepDue) {
        this.sweepDue = false;
        while (!this.stopped && (await this.relayBatch()) === this.batchSize) {}
      }
    } catch (error) {
      this.runtime.log.warn({ err: error }, "outbox relay pass failed; rows stay for the next pass");
    }
  }

  /** Relays one batch: the rows with these ids, or else the oldest; returns how many it moved. */
  async relayBatch(ids?: readonly string[]): Promise<number> {
    let taken: string[] = [];
    try {
      return await this.runtime.db.transaction(async (tx) => {
        const batch = tx
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(ids ? this.freshRows(ids) : this.relayable)
          .orderBy(asc(outboxEvents.id))
          .limit(this.batchSize)
          .for("update", { skipLocked: true });
        const rows = await tx.delete(outboxEvents).where(inArray(outboxEvents.id, batch)).returning();
        if (rows.length === 0) return 0;
        taken = rows.map((row) => row.id);
        // RETURNING has no order; ids are UUIDv7, so sorting them restores the order of writing.
        rows.sort((a, b) => (a.id < b.id ? -1 : 1));
        const byQueue = Map.groupBy(rows, (row) => row.queue as QueueName);
        await Promise.all(
          [...byQueue].map(([queue, queueRows]) =>
            withTimeout(
              this.runtime.queue(queue).addBulk(
                queueRows.map((row) => ({
                  name: row.jobName,
                  data: row.payload,
                  opts: this.runtime.jobOptions(row.jobName, row.organizationId ?? undefined, {
                    jobId: jobIdFor(row.organizationId, row.id),
                  }),
                })),
              ),
              ADD_TIMEOUT_MS,
            ),
          ),
        );
        return rows.length;
      });
    } catch (error) {
      if (taken.length > 0) await this.recordFailure(taken, error);
      throw error;
    }
  }

  /** Age in seconds of the oldest row not yet relayed (0 when the outbox is drained). */
  async lagSeconds(): Promise<number> {
    // Every row left is unrelayed, and UUIDv7 ids sort by time: the first by id is the oldest.
    const [row] = await this.runtime.db
      .select({ createdAt: outboxEvents.createdAt })
      .from(outboxEvents)
      .orderBy(asc(outboxEvents.id))
      .limit(1);
    return row ? Math.max(0, (Date.now() - row.createdAt.getTime()) / 1000) : 0;
  }

  private async recordFailure(ids: string[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.runtime.db
      .update(outboxEvents)
      .set({ relayAttempts: sql`${outboxEvents.relayAttempts} + 1`, lastError: message.slice(0, 1_000) })
      .where(inArray(outboxEvents.id, ids))
      .catch(() => {}); // the database may be what failed; the rows are retried either way
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Valkey did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
