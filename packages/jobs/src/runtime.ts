import type { Database, Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { outboxEvents } from "@helpdesk/db/schema";
import type { AfterCommit } from "@helpdesk/db/transaction";
import { closeValkey, type ValkeyConnection } from "@helpdesk/valkey/connection";
import { type Job, type JobsOptions, Queue } from "bullmq";
import { type SQL, type Subquery, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Logger } from "pino";
import type { Catalog, EnqueueOptions, JobDefinition, JobName, PayloadInput } from "./define.ts";
import { jobIdFor, organizationOfPayload } from "./job-ids.ts";
import { addMetricSources } from "./metrics.ts";
import { type FreshRow, OutboxRelay } from "./outbox-relay.ts";
import { priorityOptions } from "./priorities.ts";
import { producerConnection } from "./queue-clients.ts";
import type { QueueConfig } from "./queues.ts";

export interface JobRuntimeOptions<C extends Catalog> {
  catalog: C;
  /** Every queue this process serves, with its settings: the catalog's, and any others to watch. */
  queues: Readonly<Record<string, QueueConfig>>;
  /** Key prefix of every queue; `{name}` (hash-tagged) on Valkey Cluster. */
  prefix: string;
  valkeyUrl: string;
  db: Database;
  log: Logger;
  relay?: ConstructorParameters<typeof OutboxRelay>[1];
}

/** Where a service writes: the database (or its transaction) and, when in one, its commit hook. */
export interface WriteScope {
  db: Executor;
  afterCommit?: AfterCommit;
}

/** The options an outbox row carries to its job (no deduplication: the key names the job instead). */
export type OutboxOptions = Omit<EnqueueOptions, "deduplication">;

/** An outbox row not yet written: see `JobRuntime.outboxEntry`. */
export interface OutboxEntry {
  /** The row as the relay's fast path takes it from memory once written. */
  row: FreshRow;
  /** The row's insert on its own (`INSERT … VALUES`), e.g. as one CTE of a statement. */
  insert(db: Executor): ReturnType<typeof insertValues>;
  /**
   * The row's insert from `source` (`INSERT … SELECT … FROM source`): written only if the
   * statement wrote `source`'s row, e.g. a CTE `… RETURNING` that may have matched nothing.
   * `source` holds at most one row: the row's id is fixed, so a second would collide.
   */
  insertFrom(db: Executor, source: PgTable | Subquery | SQL): ReturnType<typeof insertSelect>;
}

const insertValues = (db: Executor, row: typeof outboxEvents.$inferInsert) =>
  db.insert(outboxEvents).values(row);
const insertSelect = (
  db: Executor,
  row: typeof outboxEvents.$inferInsert,
  source: PgTable | Subquery | SQL,
) => db.insert(outboxEvents).select(db.select(selectRow(outboxEvents, row)).from(source as PgTable));

/** An outbox row's columns that a producer sets; the rest take their defaults. */
const OUTBOX_FIELDS = [
  "id",
  "queue",
  "jobName",
  "payload",
  "organizationId",
  "jobId",
  "runAt",
  "priority",
] as const satisfies readonly (keyof FreshRow)[];

/**
 * An outbox row's insert once per row of `source`, every value a placeholder named
 * `<prefix>_<field>`: for a statement built once and prepared (`runPrepared` in @helpdesk/db),
 * whose every run fills them from `outboxPlaceholderValues(entry, prefix)`.
 */
export function outboxInsertFromPlaceholders(
  db: Executor,
  source: PgTable | Subquery | SQL,
  prefix = "outbox",
) {
  const values = Object.fromEntries(
    OUTBOX_FIELDS.map((field) => [field, sql.placeholder(`${prefix}_${field}`)]),
  );
  return insertSelect(db, values as unknown as typeof outboxEvents.$inferInsert, source);
}

export function outboxPlaceholderValues(entry: OutboxEntry, prefix = "outbox"): Record<string, unknown> {
  return Object.fromEntries(OUTBOX_FIELDS.map((field) => [`${prefix}_${field}`, entry.row[field]]));
}

/**
 * The producer side of the job system in one process: a Queue per queue name, typed `enqueue` for
 * jobs that need no transaction, typed `publish` for jobs that must follow a database write (the
 * transactional outbox), and the relay that moves published rows to the queues.
 */
export class JobRuntime<C extends Catalog> {
  readonly catalog: C;
  readonly prefix: string;
  readonly valkeyUrl: string;
  readonly db: Database;
  readonly log: Logger;
  readonly relay: OutboxRelay;
  readonly queueConfigs: Readonly<Record<string, QueueConfig>>;
  private readonly connection: ValkeyConnection;
  private readonly queues = new Map<string, Queue>();
  private readonly removeMetricSources: () => void;

  constructor(options: JobRuntimeOptions<C>) {
    this.catalog = options.catalog;
    this.queueConfigs = options.queues;
    for (const [name, definition] of Object.entries(options.catalog)) {
      if (!options.queues[definition.queue]) {
        throw new Error(`Job "${name}" runs on queue "${definition.queue}", which has no settings`);
      }
    }
    this.prefix = options.prefix;
    this.valkeyUrl = options.valkeyUrl;
    this.db = options.db;
    this.log = options.log;
    this.connection = producerConnection(options.valkeyUrl, (error) =>
      this.log.debug({ err: error }, "producer connection error"),
    );
    this.relay = new OutboxRelay(this, options.relay);
    this.removeMetricSources = addMetricSources({
      depth: () => this.depths(),
      outboxLag: () => this.relay.lagSeconds(),
    });
  }

  /** Whether the producers' Valkey connection is up (commands fail at once while it is not). */
  get reachable(): boolean {
    return this.connection.status === "ready";
  }

  get queueNames(): string[] {
    return Object.keys(this.queueConfigs);
  }

  hasQueue(name: string): boolean {
    return Object.hasOwn(this.queueConfigs, name);
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const config = this.queueConfigs[name];
      if (!config || !this.hasQueue(name)) throw new Error(`No queue named "${name}"`);
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: config.jobOptions,
      });
      queue.on("error", (error) => this.log.debug({ err: error, queue: name }, "queue error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return this.queueNames.map((name) => this.queue(name));
  }

  /**
   * The options a job is added with: the queue's defaults (set on the Queue), then the job's own
   * from the catalog, then the producer's. The id comes from `jobIdFor`: a tenant's job always gets
   * one naming its organization; a platform job without a key keeps BullMQ's own id.
   */
  jobOptions(
    name: string,
    organizationId: string | null | undefined,
    options: EnqueueOptions & { jobId?: string } = {},
  ): JobsOptions {
    const definition = this.definition(name);
    const jobId =
      options.jobId ??
      (options.key !== undefined || organizationId ? jobIdFor(organizationId, options.key) : undefined);
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : undefined;
    return {
      ...definition.options,
      ...priorityOptions(options.priority ?? definition.priority ?? "normal"),
      ...(jobId !== undefined && { jobId }),
      ...(delay && { delay }),
      ...(options.deduplication && { deduplication: options.deduplication }),
    };
  }

  /** Adds a job now. The payload is validated here, so a bad one fails at the producer, not later. */
  async enqueue<N extends JobName<C>>(
    name: N,
    payload: PayloadInput<C, N>,
    options?: EnqueueOptions,
  ): Promise<Job> {
    const definition = this.definition(name);
    const data = definition.schema.parse(payload);
    return this.queue(definition.queue).add(
      name,
      data,
      this.jobOptions(name, organizationOfPayload(data), options),
    );
  }

  /** Adds many jobs of one kind in one round trip (one MULTI), each validated like `enqueue`. */
  async enqueueBulk<N extends JobName<C>>(
    name: N,
    items: readonly { payload: PayloadInput<C, N>; options?: EnqueueOptions }[],
  ): Promise<Job[]> {
    if (items.length === 0) return [];
    const definition = this.definition(name);
    return this.queue(definition.queue).addBulk(
      items.map(({ payload, options }) => {
        const data = definition.schema.parse(payload);
        return { name, data, opts: this.jobOptions(name, organizationOfPayload(data), options) };
      }),
    );
  }

  /**
   * Writes the job to the outbox in the caller's transaction; after commit the relay moves it to
   * its queue (at once, or by a later pass if Valkey is unreachable). Returns the outbox row id.
   */
  async publish<N extends JobName<C>>(
    scope: WriteScope,
    name: N,
    payload: PayloadInput<C, N>,
    options?: OutboxOptions,
  ): Promise<string> {
    const entry = this.outboxEntry(name, payload, options);
    await entry.insert(scope.db);
    this.published(scope, entry);
    return entry.row.id;
  }

  /**
   * An outbox row as inserts to run, for a service that writes its data and the row in one
   * statement (CTEs: atomic without a transaction). Once the statement has run,
   * `published(scope, entry)` hands the row to the relay, which adds it from memory.
   */
  outboxEntry<N extends JobName<C>>(
    name: N,
    payload: PayloadInput<C, N>,
    options: OutboxOptions = {},
  ): OutboxEntry {
    const definition = this.definition(name);
    const data = definition.schema.parse(payload);
    const organizationId = organizationOfPayload(data) ?? null;
    const row: FreshRow = {
      id: Bun.randomUUIDv7(),
      queue: definition.queue,
      jobName: name,
      payload: data,
      organizationId,
      jobId: options.key === undefined ? null : jobIdFor(organizationId, options.key),
      runAt: options.runAt ?? null,
      priority: options.priority ?? null,
    };
    const values = { ...row } satisfies typeof outboxEvents.$inferInsert;
    return {
      row,
      insert: (db) => insertValues(db, values),
      insertFrom: (db, source) => insertSelect(db, values, source),
    };
  }

  /**
   * Hands a written outbox row to the relay: after the outermost commit, or now outside one. A row
   * a statement built itself (its payload from the rows it wrote) comes as `{ row }`.
   */
  published(scope: WriteScope, entry: Pick<OutboxEntry, "row">): void {
    const kick = () => this.relay.kick([entry.row]);
    if (scope.afterCommit) scope.afterCommit(kick);
    else kick();
  }

  definition(name: string): JobDefinition {
    const definition = this.catalog[name];
    if (!definition) throw new Error(`No job named "${name}" in the catalog`);
    return definition;
  }

  private async depths() {
    return Promise.all(
      this.queueNames.map(async (queue) => ({
        queue,
        counts: await this.queue(queue).getJobCounts("waiting", "active", "delayed", "prioritized", "failed"),
      })),
    );
  }

  async close(): Promise<void> {
    this.removeMetricSources();
    await this.relay.stop();
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    await closeValkey(this.connection);
  }
}
