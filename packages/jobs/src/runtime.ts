import type { Database, Executor } from "@helpdesk/db/client";
import type { AfterCommit } from "@helpdesk/db/transaction";
import { closeValkey, type ValkeyConnection } from "@helpdesk/valkey/connection";
import { type Job, type JobsOptions, Queue } from "bullmq";
import { type SQL, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Catalog, JobName, PayloadInput } from "./define.ts";
import { jobIdFor, organizationOfPayload } from "./job-ids.ts";
import { addMetricSources } from "./metrics.ts";
import { type FreshRow, OutboxRelay } from "./outbox-relay.ts";
import { producerConnection } from "./queue-clients.ts";
import { type QueueName, queueConfigs, queueNames } from "./queues.ts";

export interface JobRuntimeOptions<C extends Catalog> {
  catalog: C;
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

/** An outbox row not yet written: see `JobRuntime.outboxEntry`. */
export interface OutboxEntry {
  row: FreshRow;
  /** The insert, guarded by `when` (an SQL condition) if given. */
  insert(when?: SQL): SQL;
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
  private readonly connection: ValkeyConnection;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly removeMetricSources: () => void;

  constructor(options: JobRuntimeOptions<C>) {
    this.catalog = options.catalog;
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

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: queueConfigs[name].jobOptions,
      });
      queue.on("error", (error) => this.log.debug({ err: error, queue: name }, "queue error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return queueNames.map((name) => this.queue(name));
  }

  /**
   * The options a job is added with: queue defaults, then the job's own, then the caller's. A
   * tenant's job gets an id naming its organization; a platform job keeps BullMQ's own id, which
   * nothing needs to parse.
   */
  jobOptions(name: string, organizationId: string | undefined, overrides: JobsOptions = {}): JobsOptions {
    const jobId = organizationId ? jobIdFor(organizationId) : undefined;
    return { ...this.catalog[name]?.options, ...(jobId && { jobId }), ...overrides };
  }

  /** Adds a job now. The payload is validated here, so a bad one fails at the producer, not later. */
  async enqueue<N extends JobName<C>>(
    name: N,
    payload: PayloadInput<C, N>,
    options?: JobsOptions,
  ): Promise<Job> {
    const definition = this.definition(name);
    const data = definition.schema.parse(payload);
    const organizationId = organizationOfPayload(data);
    return this.queue(definition.queue).add(name, data, this.jobOptions(name, organizationId, options));
  }

  /**
   * Writes the job to the outbox in the caller's transaction; after commit the relay moves it to
   * its queue (at once, or by a later pass if Valkey is unreachable). Returns the outbox row id.
   */
  async publish<N extends JobName<C>>(
    scope: WriteScope,
    name: N,
    payload: PayloadInput<C, N>,
  ): Promise<string> {
    const entry = this.outboxEntry(name, payload);
    await scope.db.execute(entry.insert());
    this.published(scope, entry);
    return entry.row.id;
  }

  /**
   * An outbox row as a statement to run, for a service that writes its data and the row in one SQL
   * statement (a CTE: atomic without a transaction), with `when` saying whether the data was written.
   * Once the statement has run, `published(scope, entry)` hands the row to the relay.
   *
   * Plain SQL into the table's columns (packages/db/src/schema/outbox-events.ts), with the id made
   * here: in bench/, drizzle's insert builder cost ~50 µs and RETURNING ~30% of the client CPU of a
   * one-insert transaction, and this runs in every ticket write. The payload goes as text cast to
   * jsonb: Bun's client encodes a string bound straight to jsonb as a JSON string, and postgres.js
   * refuses an object; both send text as it is. The row stays in memory for the relay's fast path,
   * which adds it without reading it back.
   */
  outboxEntry<N extends JobName<C>>(name: N, payload: PayloadInput<C, N>): OutboxEntry {
    const definition = this.definition(name);
    const data = definition.schema.parse(payload);
    const row: FreshRow = {
      id: Bun.randomUUIDv7(),
      queue: definition.queue,
      jobName: name,
      payload: data,
      organizationId: organizationOfPayload(data) ?? null,
    };
    return {
      row,
      insert: (when) =>
        sql`insert into outbox_events (id, queue, job_name, payload, organization_id)
            select ${row.id}::uuid, ${row.queue}, ${row.jobName}, ${JSON.stringify(data)}::text::jsonb,
                   ${row.organizationId}::uuid
            ${when ? sql`where ${when}` : sql``}`,
    };
  }

  /** Hands a written outbox row to the relay: after the outermost commit, or now outside one. */
  published(scope: WriteScope, entry: OutboxEntry): void {
    const kick = () => this.relay.kick([entry.row]);
    if (scope.afterCommit) scope.afterCommit(kick);
    else kick();
  }

  private definition(name: string) {
    const definition = this.catalog[name];
    if (!definition) throw new Error(`No job named "${name}" in the catalog`);
    return definition;
  }

  private async depths() {
    return Promise.all(
      queueNames.map(async (queue) => ({
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
