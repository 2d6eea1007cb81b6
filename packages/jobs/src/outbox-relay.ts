import { anyOf } from "@helpdesk/db/any-of";
import { outboxEvents } from "@helpdesk/db/schema";
import { and, asc, inArray, type SQL, sql } from "drizzle-orm";
import type { Catalog } from "./define.ts";
import { jobIdFor } from "./job-ids.ts";
import { isPriorityClass } from "./priorities.ts";
import type { JobRuntime } from "./runtime.ts";

const ADD_TIMEOUT_MS = 5_000;

/** A row this process just committed, kept in memory so the fast path need not read it back. */
export interface FreshRow {
  id: string;
  queue: string;
  jobName: string;
  payload: unknown;
  organizationId: string | null;
  /** The producer's job id; null: the row id names the job. */
  jobId: string | null;
  runAt: Date | null;
  priority: string | null;
}

/**
 * Moves outbox rows to BullMQ, with the row id in the job id, so adding a row twice never makes
 * two jobs while BullMQ holds the first (completed jobs are kept, queues.ts).
 *
 * Three kinds of pass:
 * - the fast path, `kick(rows)` right after a commit: adds the rows this process just wrote, from
 *   memory, then deletes them. No other pass takes a row that young (below), so no lock is needed.
 *   Up to `freshPasses` run at once, beside the sweep: a row committed while one pass runs starts
 *   its own instead of waiting for that pass's round trip to Valkey (rows that waited were the
 *   relay's slowest: bench/RESULTS.md). Past that many, rows wait and go together (up to
 *   `batchSize` a pass, one `addBulk` per queue), which is what keeps the relay ahead at saturation.
 *   Passes at once may add jobs out of commit order: no handler depends on the order (the fan-out
 *   runs 20 jobs at once anyway).
 *   The delete of a lone row waits up to `deleteDelayMs` to go as one statement with those of the
 *   next passes: at moderate load a pass holds one row, and a DELETE per event costs PostgreSQL
 *   CPU (bench/RESULTS.md). Deletes run beside the passes, one statement at a time, each taking
 *   every id relayed so far: a pass that waited for its delete held back the rows committed
 *   meanwhile by a PostgreSQL round trip.
 *   If Valkey refuses, the ids are retried by this process's next sweep tick.
 * - retries, and the sweep (`kick()` and every interval): a transaction takes and deletes rows
 *   (`DELETE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, so relays in several processes never
 *   take the same row), adds their jobs, and commits; if Valkey refuses it rolls back. The sweep
 *   takes the oldest rows of any process older than `sweepGraceMs`: rows left behind by a process
 *   that died between commit and relay, or whose own retries gave up.
 * A process that dies after adding and before deleting (a window of `deleteDelayMs`, plus a
 * delete already running, plus a round trip) leaves rows the sweep adds again; BullMQ ignores the
 * duplicate job id, and the handlers are idempotent by event id besides.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly sweepIntervalMs: number;
  private readonly sweepGraceMs: number;
  private readonly deleteDelayMs: number;
  private readonly freshPasses: number;
  /**
   * Only jobs this process knows are taken: a row written by a newer version during a rolling
   * deploy waits for a process that knows it, instead of failing every pass.
   */
  private readonly relayable: SQL | undefined;
  /** Committed by this process and not relayed yet: the fast path's work. */
  private readonly fresh = new Map<string, FreshRow>();
  /** This process's rows whose fast pass failed (ids only; the rows are in the table). */
  private readonly retry = new Set<string>();
  private sweepDue = false;
  /** The fast passes in flight. */
  private readonly freshRunning = new Set<Promise<void>>();
  /** The retry-and-sweep pass in flight, if any. */
  private sweeping: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  /** Relayed by the fast path, waiting for the next coalesced delete. */
  private relayed: string[] = [];
  private deleteTimer: ReturnType<typeof setTimeout> | undefined;
  /** The deletes in flight, until `relayed` is empty. */
  private deleting: Promise<void> | undefined;
  /** The fast path's delete, built once: drizzle's builder cost more than the statement. */
  private readonly deleteRelayed;

  constructor(
    private readonly runtime: JobRuntime<Catalog>,
    options: {
      batchSize?: number;
      sweepIntervalMs?: number;
      sweepGraceMs?: number;
      deleteDelayMs?: number;
      freshPasses?: number;
    } = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.deleteDelayMs = options.deleteDelayMs ?? 50;
    this.freshPasses = options.freshPasses ?? 4;
    // Fewer than one would leave committed rows in memory with no pass ever taking them.
    if (!Number.isInteger(this.freshPasses) || this.freshPasses < 1) {
      throw new Error(`freshPasses must be a whole number of at least 1, not ${this.freshPasses}`);
    }
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
    // Longer than a fast pass can take (its add gives up after ADD_TIMEOUT_MS).
    this.sweepGraceMs = options.sweepGraceMs ?? 2 * ADD_TIMEOUT_MS;
    this.deleteRelayed = runtime.db
      .delete(outboxEvents)
      .where(sql`${outboxEvents.id} = any(${sql.placeholder("ids")}::uuid[])`)
      .prepare("outbox_delete_relayed");
    const knownJobs = Object.keys(runtime.catalog);
    this.relayable = and(
      inArray(outboxEvents.jobName, knownJobs),
      inArray(outboxEvents.queue, runtime.queueNames),
    );
  }

  /** Starts the periodic sweep (producers that also run the relay: API and worker processes). */
  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.sweepIntervalMs);
    this.kick();
  }

  /**
   * Asks for a pass as soon as possible: a fast pass over `rows` (just committed), or retries and a
   * sweep when none are given. A sweep asked for during one runs once more after it.
   */
  kick(rows?: readonly FreshRow[]): void {
    if (this.stopped) return;
    if (rows) {
      for (const row of rows) this.fresh.set(row.id, row);
      this.startFreshPasses();
      return;
    }
    this.sweepDue = true;
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = undefined;
      if (this.sweepDue) this.kick();
    });
  }

  /** Resolves when no pass is running and relayed rows are deleted (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.freshRunning.size > 0 || this.sweeping) {
      await Promise.all([...this.freshRunning, this.sweeping]);
    }
    await this.flushDeletes();
  }

  /** Starts fast passes over the rows waiting, while fewer than `freshPasses` are in flight. */
  private startFreshPasses(): void {
    while (!this.stopped && this.fresh.size > 0 && this.freshRunning.size < this.freshPasses) {
      const rows = [...this.fresh.values()].slice(0, this.batchSize);
      for (const row of rows) this.fresh.delete(row.id);
      const pass: Promise<void> = this.relayFresh(rows)
        .catch((error: unknown) => {
          this.runtime.log.warn({ err: error }, "outbox relay pass failed; its rows are retried");
        })
        .finally(() => {
          this.freshRunning.delete(pass);
          this.startFreshPasses();
        });
      this.freshRunning.add(pass);
    }
  }

  private async sweep(): Promise<void> {
    this.sweepDue = false;
    try {
      while (!this.stopped && this.retry.size > 0) {
        const ids = [...this.retry].slice(0, this.batchSize);
        await this.relayBatch(ids);
        for (const id of ids) this.retry.delete(id); // relayed, or taken by another process's sweep
      }
      while (!this.stopped && (await this.relayBatch()) === this.batchSize) {}
    } catch (error) {
      this.runtime.log.warn({ err: error }, "outbox relay pass failed; rows stay for the next pass");
    }
  }

  /** The fast path: adds rows this process just committed, then deletes them. */
  private async relayFresh(rows: FreshRow[]): Promise<void> {
    const ids = rows.map((row) => row.id);
    try {
      await this.addJobs(rows);
    } catch (error) {
      await this.recordFailure(ids, error);
      // Bounded: past it, rows wait for the sweep instead of this process's memory.
      for (const id of ids) if (this.retry.size < 10 * this.batchSize) this.retry.add(id);
      throw error;
    }
    this.relayed.push(...ids);
    // A pass of several rows means load, and its delete is already shared: it starts at once.
    if (ids.length > 1 || this.relayed.length >= this.batchSize) void this.flushDeletes();
    else this.deleteTimer ??= setTimeout(() => void this.flushDeletes(), this.deleteDelayMs);
  }

  /**
   * Deletes the rows relayed so far, one statement at a time: ids relayed while a delete runs go in
   * the next one, so under load each statement takes more rows and deletes cannot fall behind. A
   * failed delete leaves its rows to the sweep, which adds them again under the same job ids:
   * harmless, as above.
   */
  private flushDeletes(): Promise<void> {
    clearTimeout(this.deleteTimer);
    this.deleteTimer = undefined;
    this.deleting ??= this.deleteRelayedRows().finally(() => {
      this.deleting = undefined;
      // Relayed between the last statement and here: not left waiting for the next pass.
      if (this.relayed.length > 0) void this.flushDeletes();
    });
    return this.deleting;
  }

  private async deleteRelayedRows(): Promise<void> {
    while (this.relayed.length > 0) {
      // Bounded, so a slow PostgreSQL makes more statements, not one ever larger (and a failed one
      // hands back at most this many rows to the sweep).
      const ids = this.relayed.splice(0, 10 * this.batchSize);
      await this.deleteRelayed.execute({ ids: idArray(ids) }).catch((error: unknown) => {
        this.runtime.log.warn({ err: error }, "could not delete relayed outbox rows; the sweep will");
      });
    }
  }

  /**
   * Relays one batch in a transaction: the rows with these ids (retries), or else the oldest rows
   * past the grace period (the sweep); returns how many it moved.
   */
  async relayBatch(ids?: readonly string[]): Promise<number> {
    let taken: string[] = [];
    try {
      return await this.runtime.db.transaction(async (tx) => {
        const settled = sql`${outboxEvents.createdAt} < now() - make_interval(secs => ${this.sweepGraceMs / 1000})`;
        const batch = tx
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(and(this.relayable, ids ? anyOf(outboxEvents.id, ids) : settled))
          .orderBy(asc(outboxEvents.id))
          .limit(this.batchSize)
          .for("update", { skipLocked: true });
        const rows = await tx.delete(outboxEvents).where(inArray(outboxEvents.id, batch)).returning();
        if (rows.length === 0) return 0;
        taken = rows.map((row) => row.id);
        // RETURNING has no order; ids are UUIDv7, so sorting them restores the order of writing.
        rows.sort((a, b) => (a.id < b.id ? -1 : 1));
        await this.addJobs(rows);
        return rows.length;
      });
    } catch (error) {
      if (taken.length > 0) await this.recordFailure(taken, error);
      throw error;
    }
  }

  /**
   * Adds the rows' jobs under their outbox ids: one `add` for a lone row, else one `addBulk` per
   * queue. `addBulk` sends a MULTI pipeline, and building one copies every BullMQ script command
   * onto it: wasted CPU for a fast pass's single row (bench/RESULTS.md).
   */
  private async addJobs(rows: readonly FreshRow[]): Promise<void> {
    const job = (row: FreshRow) => ({
      name: row.jobName,
      data: row.payload,
      opts: this.runtime.jobOptions(row.jobName, row.organizationId, {
        jobId: row.jobId ?? jobIdFor(row.organizationId, row.id),
        runAt: row.runAt ?? undefined,
        priority: isPriorityClass(row.priority) ? row.priority : undefined,
      }),
    });
    const [only] = rows;
    if (rows.length === 1 && only) {
      const { name, data, opts } = job(only);
      await withTimeout(this.runtime.queue(only.queue).add(name, data, opts), ADD_TIMEOUT_MS);
      return;
    }
    const byQueue = Map.groupBy(rows, (row) => row.queue);
    await Promise.all(
      [...byQueue].map(([queue, queueRows]) =>
        withTimeout(this.runtime.queue(queue).addBulk(queueRows.map(job)), ADD_TIMEOUT_MS),
      ),
    );
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
      .where(anyOf(outboxEvents.id, ids))
      .catch(() => {}); // the database may be what failed; the rows are retried either way
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}

/** PostgreSQL's text form of a uuid[], bound as one parameter. */
const idArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Valkey did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
