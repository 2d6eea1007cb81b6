import { outboxEvents } from "@helpdesk/db/schema";
import { asc, inArray, isNull, sql } from "drizzle-orm";
import type { Catalog } from "./define.ts";
import { jobIdFor } from "./job-ids.ts";
import { type QueueName, queueNames } from "./queues.ts";
import type { JobRuntime } from "./runtime.ts";

const ADD_TIMEOUT_MS = 5_000;

/**
 * Moves outbox rows to BullMQ. Each pass takes a batch of the oldest unrelayed rows with
 * `FOR UPDATE SKIP LOCKED` (so relays in several processes never take the same row), adds them with
 * the row id in the job id (so a retried pass never duplicates a job BullMQ still holds), and
 * stamps them relayed in the same transaction. If Valkey refuses, the transaction rolls back and
 * the rows wait for the next pass.
 *
 * `kick()` runs a pass right after a commit (the fast path); the sweep runs one every interval for
 * rows left behind (Valkey was down at commit time, or the process died before its kick).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly sweepIntervalMs: number;
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
  }

  /** Starts the periodic sweep (producers that also run the relay: API and worker processes). */
  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.sweepIntervalMs);
    this.kick();
  }

  /** Asks for a pass as soon as possible; kicks during a pass coalesce into one more pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pendingKick = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.pendingKick) {
        this.pendingKick = false;
        this.kick();
      }
    });
  }

  /** Resolves when no pass is running (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === this.batchSize) {}
    } catch (error) {
      this.runtime.log.warn({ err: error }, "outbox relay pass failed; rows stay for the next pass");
    }
  }

  /** Relays one batch; returns how many rows it moved. */
  async relayBatch(): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.runtime.db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(outboxEvents)
          .where(isNull(outboxEvents.relayedAt))
          .orderBy(asc(outboxEvents.id))
          .limit(this.batchSize)
          .for("update", { skipLocked: true });
        if (rows.length === 0) return 0;
        // A job this process doesn't know (written by a newer version during a rolling deploy) is
        // left for a process that does, instead of failing the whole batch on every pass.
        const known = rows.filter(
          (row) => this.runtime.catalog[row.jobName] && queueNames.includes(row.queue as QueueName),
        );
        if (known.length < rows.length) {
          this.runtime.log.warn(
            { skipped: rows.length - known.length },
            "outbox rows for jobs this process does not know",
          );
        }
        if (known.length === 0) return 0;
        ids = known.map((row) => row.id);
        const byQueue = Map.groupBy(known, (row) => row.queue as QueueName);
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
        await tx.update(outboxEvents).set({ relayedAt: new Date() }).where(inArray(outboxEvents.id, ids));
        return known.length;
      });
    } catch (error) {
      if (ids.length > 0) await this.recordFailure(ids, error);
      throw error;
    }
  }

  /** Age in seconds of the oldest row not yet relayed (0 when the outbox is drained). */
  async lagSeconds(): Promise<number> {
    const [row] = await this.runtime.db
      .select({ oldest: sql<Date | null>`min(${outboxEvents.createdAt})` })
      .from(outboxEvents)
      .where(isNull(outboxEvents.relayedAt));
    return row?.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0;
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
