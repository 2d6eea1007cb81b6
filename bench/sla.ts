/**
 * SLA benchmarks (issue 21):
 * - breach lateness: N tickets whose first-response deadlines fall within the same second, with
 *   their `sla.check` timers queued as the sync queues them; an API process and a worker process
 *   run as in production. Lateness of each breach record (breached_at − due_at, in PostgreSQL) and
 *   of each `sla:breached` event at the assignee's socket (arrival − due time).
 * - scan: the safety net over M open tickets with running clocks, `lost` of them overdue with no
 *   timer: how long one scan takes, its peak RSS, and the plan of its query.
 */
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { organizations, slaPolicies, users } from "@helpdesk/db/schema";
import { jobCatalog } from "@helpdesk/jobs/catalog";
import { queueConfigs } from "@helpdesk/jobs/queues";
import { JobRuntime } from "@helpdesk/jobs/runtime";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { signToken } from "../apps/api/src/auth/tokens.ts";
import { createLogger } from "../apps/api/src/logging/logger.ts";
import { scanSla } from "../apps/api/src/services/sla/scan-sla.ts";
import { startAppProcess } from "../apps/api/src/testing/processes.ts";
import { connectSocket } from "../apps/api/src/testing/sockets.ts";
import { cpuByRole, cpuPerEvent } from "./cpu.ts";
import { RealtimeEmitterStub } from "./sla-support.ts";
import { freePort, percentile, until } from "./support.ts";
import { VALKEY_URL } from "./variants.ts";

type Db = ReturnType<typeof createDatabase>["db"];

/** An organization with a one-minute first-response policy, an agent and a customer. */
async function createOrganization(db: Db) {
  const slug = `bench-sla-${crypto.randomUUID().slice(0, 8)}`;
  const [org] = await db.insert(organizations).values({ name: "Bench SLA", slug }).returning();
  if (!org) throw new Error("no organization");
  const [agent, customer] = await db
    .insert(users)
    .values([
      {
        organizationId: org.id,
        role: "agent",
        name: "Agent",
        email: `a@${slug}.test`,
        passwordHash: "unused",
      },
      {
        organizationId: org.id,
        role: "customer",
        name: "Customer",
        email: `c@${slug}.test`,
        passwordHash: "unused",
      },
    ])
    .returning();
  const [policy] = await db
    .insert(slaPolicies)
    .values({
      organizationId: org.id,
      name: "Bench",
      isDefault: true,
      targets: { normal: { firstResponseMinutes: 1 } },
      escalation: { notifyUserIds: [], reassignToId: null },
    })
    .returning();
  if (!agent || !customer || !policy) throw new Error("no fixture");
  return { org, agent, customer, policy };
}

/**
 * `count` open tickets assigned to the agent, each with a running first-response clock due at
 * `dueAt(i)`; written set-based (generate_series), as a sync would leave them.
 */
async function createTickets(
  db: Db,
  fixture: Awaited<ReturnType<typeof createOrganization>>,
  count: number,
  dueAtSql: ReturnType<typeof sql>,
) {
  await db.execute(sql`
    with made as (
      insert into tickets (id, organization_id, number, subject, status, priority, customer_id, assignee_id,
                           sla_policy_id, sla_next_due_at, created_at, updated_at)
      select gen_random_uuid(), ${fixture.org.id}::uuid, i, 'Ticket ' || i, 'open', 'normal',
             ${fixture.customer.id}::uuid, ${fixture.agent.id}::uuid, ${fixture.policy.id}::uuid,
             ${dueAtSql}, now(), now()
      from generate_series(1, ${count}) as i
      returning id, number, sla_next_due_at
    )
    insert into sla_clocks (organization_id, ticket_id, target, started_at, minutes, priority, assignee_id, due_at, warn_at)
    select ${fixture.org.id}::uuid, id, 'first_response', sla_next_due_at - interval '1 minute', 1, 'normal',
           ${fixture.agent.id}::uuid, sla_next_due_at, sla_next_due_at - interval '12 seconds'
    from made`);
}

export async function breachLateness(databaseUrl: string, count: number) {
  const prefix = `bench-sla-${crypto.randomUUID().slice(0, 6)}`;
  const port = await freePort();
  const shared = {
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    WORKERS: "off",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  };
  const api = startAppProcess("server.ts", shared, { readLogs: false });
  const worker = startAppProcess("worker.ts", shared, { readLogs: false });
  const database = createDatabase(databaseUrl, { max: 4 });
  const log = createLogger("warn");
  const jobs = new JobRuntime({
    catalog: jobCatalog,
    queues: queueConfigs,
    prefix,
    valkeyUrl: VALKEY_URL,
    db: database.db,
    log,
  });
  const probe = new Queue("sla", {
    connection: createValkeyConnection(VALKEY_URL, { name: "bench-probe", maxRetriesPerRequest: null }),
    prefix,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok ?? false);
    await until(async () => (await probe.getWorkers()).length > 0);
    const fixture = await createOrganization(database.db);
    // All due within one second, a few seconds from now (time to queue the timers).
    const second = Math.ceil(Date.now() / 1000) * 1000 + Math.max(5_000, count);
    await createTickets(
      database.db,
      fixture,
      count,
      sql`to_timestamp((${second}::bigint + (i * 997) % 1000) / 1000.0)`,
    );
    const clocks = await database.db.execute<{ ticket_id: string; due_at: Date }>(
      sql`select ticket_id, due_at from sla_clocks where organization_id = ${fixture.org.id}`,
    );
    for (let i = 0; i < clocks.length; i += 1_000) {
      await jobs.enqueueBulk(
        "sla.check",
        clocks.slice(i, i + 1_000).map((clock) => {
          const dueAt = new Date(clock.due_at);
          return {
            payload: {
              organizationId: fixture.org.id,
              ticketId: clock.ticket_id,
              target: "first_response" as const,
              dueAt: dueAt.toISOString(),
            },
            options: { key: `sla-check-${clock.ticket_id}-first_response-${dueAt.getTime()}`, runAt: dueAt },
          };
        }),
      );
    }
    if (Date.now() > second) throw new Error("queuing the timers took past their deadlines: lower the count");
    const { JWT_SECRET } = env();
    const socket = await connectSocket(
      url,
      await signToken({ userId: fixture.agent.id, organizationId: fixture.org.id }, JWT_SECRET, "1h"),
    );
    const socketLateness: number[] = [];
    socket.socket.on("sla:breached", (event) =>
      socketLateness.push(Date.now() - new Date(event.dueAt).getTime()),
    );
    const roles = { api: api.process.pid, worker: worker.process.pid, bench: process.pid };
    const cpuBefore = cpuByRole(roles);
    await until(async () => socketLateness.length >= count, 120_000);
    const cpu = cpuPerEvent(cpuBefore, cpuByRole(roles), count);
    socket.close();
    const rows = await database.db.execute<{ ms: number }>(sql`
      select extract(epoch from (breached_at - due_at)) * 1000 as ms from sla_breaches
      where organization_id = ${fixture.org.id}`);
    const recordLateness = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
    socketLateness.sort((a, b) => a - b);
    return {
      count,
      records: recordLateness.length,
      recordP50: percentile(recordLateness, 0.5),
      recordP99: percentile(recordLateness, 0.99),
      socketP50: percentile(socketLateness, 0.5),
      socketP99: percentile(socketLateness, 0.99),
      cpu,
    };
  } finally {
    await Promise.all([api.stop(), worker.stop()]);
    await probe.close();
    for (const queue of jobs.allQueues()) await queue.obliterate({ force: true }).catch(() => undefined);
    await jobs.close();
    await database.close();
  }
}

export async function scanDuration(databaseUrl: string, open: number, lost: number) {
  const prefix = `bench-sla-scan-${crypto.randomUUID().slice(0, 6)}`;
  const database = createDatabase(databaseUrl, { max: 4 });
  const log = createLogger("warn");
  const jobs = new JobRuntime({
    catalog: jobCatalog,
    queues: queueConfigs,
    prefix,
    valkeyUrl: VALKEY_URL,
    db: database.db,
    log,
  });
  try {
    const fixture = await createOrganization(database.db);
    const generated = performance.now();
    // Every `open / lost`-th ticket is overdue (its timer lost); the rest are due tomorrow.
    const step = Math.max(1, Math.floor(open / Math.max(lost, 1)));
    await createTickets(
      database.db,
      fixture,
      open,
      sql`case when i % ${step} = 0 and i / ${step} <= ${lost} then now() - interval '1 hour' else now() + interval '1 day' end`,
    );
    const generateSeconds = (performance.now() - generated) / 1000;
    await database.db.execute(sql`vacuum analyze tickets, sla_clocks`);
    const plan = await database.db.execute<{ "QUERY PLAN": string }>(sql`
      explain (analyze, buffers, costs off)
      select organization_id, ticket_id, target, due_at from sla_clocks
      where met_at is null and stopped_at is null and breached_at is null and due_at is not null
        and due_at <= now() - interval '2 seconds'
      order by due_at, ticket_id limit 500`);
    let peakRss = process.memoryUsage().rss;
    const startRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const result = await scanSla(
      { db: database.db, jobs, log, realtime: new RealtimeEmitterStub() },
      { budgetMs: 600_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    return {
      open,
      lost,
      generateSeconds,
      seconds,
      breached: result.breached,
      startRssMb: Math.round(startRss / 2 ** 20),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      plan: plan.map((row) => row["QUERY PLAN"]).join("\n"),
    };
  } finally {
    for (const queue of jobs.allQueues()) await queue.obliterate({ force: true }).catch(() => undefined);
    await jobs.close();
    await database.close();
  }
}
