/**
 * Event → socket latency: customers reply to tickets over HTTP at a steady rate; each reply goes
 * through the outbox, the relay, the fan-out job and the Valkey adapter to the assignee's socket on
 * the API process. Latency is from sending the reply to receiving its `notification` event.
 * Two shapes of deployment (docs/deployment.md):
 * - `split`: one API process (WORKERS=off) and one worker process (`bun run start:worker`);
 * - `single`: one process serving HTTP and running the workers, `bun run start`'s default.
 * `target: "raw"` runs the same load against bench/raw-realtime.ts instead: the same parts doing
 * the least an event needs, in the same shape, which is the floor this machine allows.
 */
import { env } from "@helpdesk/config/env";
import { createDatabase } from "@helpdesk/db/client";
import { organizations, tickets, users } from "@helpdesk/db/schema";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { signToken } from "../apps/api/src/auth/tokens.ts";
import { profileFlags, startAppProcess } from "../apps/api/src/testing/processes.ts";
import { connectSocket } from "../apps/api/src/testing/sockets.ts";
import { cpuByRole, cpuPerEvent } from "./cpu.ts";
import { freePort, percentile, until } from "./support.ts";
import { slowestPerHalfSecond, timelineWanted } from "./timeline.ts";
import { VALKEY_URL } from "./variants.ts";

export interface LatencyRun {
  rate: number;
  seconds: number;
  sent: number;
  received: number;
  p50: number;
  p99: number;
}

/**
 * Runs each step in turn and returns their figures. The first `warmupSeconds` (default 10, or
 * BENCH_WARMUP_SECONDS) at the first rate are not measured: connection pools and socket handshakes
 * settle there, and the JIT compiles the hot paths. It keeps compiling for longer: its threads used
 * ~10% as much CPU as the processes' main threads 30–90 s after start, ~5% after 100 s.
 */
export async function realtimeLatency(
  databaseUrl: string,
  steps: { rate: number; seconds: number }[],
  options: {
    shape: "split" | "single";
    target?: "helpdesk" | "raw";
    warmupSeconds?: number;
    /** Ends the run after the first step this returns true for (a ladder stops at its first miss). */
    stopAfter?: (run: LatencyRun) => boolean;
  } = { shape: "split" },
) {
  const raw = options.target === "raw";
  const warmupSeconds = options.warmupSeconds ?? Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
  const prefix = `bench-rt-${crypto.randomUUID().slice(0, 6)}`;
  const port = await freePort();
  const level = process.env.BENCH_LOG_LEVEL ?? "info";
  const shared = {
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    WORKERS: options.shape === "split" ? "off" : "on",
    LOG_LEVEL: level,
    // The benchmark's few agents post hundreds of replies a second: it measures events, not the
    // per-user limit.
    MESSAGES_PER_MINUTE: "100000000",
  };
  const split = options.shape === "split";
  // The API logs a line per request; nothing here reads them.
  const start = (entry: "server.ts" | "worker.ts") =>
    raw
      ? startRawProcess(entry === "worker.ts" ? "worker" : split ? "api" : "both", [
          port,
          prefix,
          databaseUrl,
        ])
      : startAppProcess(entry, shared, { readLogs: false });
  const api = start("server.ts");
  const worker = split ? start("worker.ts") : undefined;
  const database = createDatabase(databaseUrl, { max: 4 });
  const probe = new Queue(raw ? "raw-events" : "ticket-notifications", {
    connection: createValkeyConnection(VALKEY_URL, { name: "bench-probe", maxRetriesPerRequest: null }),
    prefix,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok ?? false);
    await until(async () => (await probe.getWorkers()).length > 0);
    // What autovacuum does in production (docs/deployment.md): this machine runs PostgreSQL with it
    // off, and earlier runs leave dead rows behind in the tables every event rewrites.
    await database.db.execute(sql`vacuum analyze outbox_events, notifications, tickets`);
    if (raw) await createRawTables(database.db);
    const fixture = await createFixture(database.db);
    // The raw server takes a socket's user id as its token (no authentication).
    const sockets = await Promise.all(
      fixture.agents.map((agent) => connectSocket(url, raw ? agent.id : agent.token)),
    );
    const roles = { api: api.process.pid, worker: worker?.process.pid, bench: process.pid };
    const sentAt = new Map<string, number>();
    // A notification can arrive before its HTTP response (which is what names the message): keep
    // its arrival time until the response comes, or the fastest events would be dropped. One
    // arrival per message: each reply notifies one socket, its ticket's assignee (the fixture).
    const arrivedAt = new Map<string, number>();
    /** [sent at, latency] of each event delivered: when it was sent places it in the timeline. */
    const delivered: [number, number][] = [];
    const record = (sent: number, arrived: number) => delivered.push([sent, arrived - sent]);
    for (const socket of sockets) {
      socket.socket.on("notification", (event) => {
        const messageId = event.data.messageId as string | undefined;
        if (!messageId) return;
        const sent = sentAt.get(messageId);
        if (sent === undefined) arrivedAt.set(messageId, performance.now());
        else record(sent, performance.now());
      });
    }
    const runs: LatencyRun[] = [];
    let i = 0;
    const first = steps[0];
    const schedule = first ? [{ ...first, seconds: warmupSeconds, warmup: true }, ...steps] : steps;
    for (const step of schedule) {
      delivered.length = 0;
      sentAt.clear();
      arrivedAt.clear();
      const httpMs: number[] = [];
      /** Requests that got no answer (seen: ECONNRESET past saturation), by reason: their events count as lost. */
      const failed = new Map<string, number>();
      const total = step.rate * step.seconds;
      const pending: Promise<void>[] = [];
      const cpuBefore = cpuByRole(roles);
      const started = performance.now();
      let sent = 0;
      while (sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * step.rate));
        while (sent < due) {
          const ticket = fixture.tickets[i++ % fixture.tickets.length] as string;
          const t0 = performance.now();
          sent += 1;
          pending.push(
            fetch(`${url}/api/v1/tickets/${ticket}/messages`, {
              method: "POST",
              headers: {
                authorization: `Bearer ${fixture.customerToken}`,
                "content-type": "application/json",
              },
              body: JSON.stringify({ body: `reply ${i}` }),
            })
              .then((res) => res.json() as Promise<{ id: string }>)
              .then((message) => {
                const arrived = arrivedAt.get(message.id);
                if (arrived === undefined) sentAt.set(message.id, t0);
                else record(t0, arrived);
                httpMs.push(performance.now() - t0);
              })
              .catch((error: Error & { code?: string }) => {
                const reason = error.code ?? error.message;
                failed.set(reason, (failed.get(reason) ?? 0) + 1);
              }),
          );
        }
        await Bun.sleep(2);
      }
      await Promise.all(pending);
      // Replies still in flight get up to 5 s to arrive; later ones count as lost.
      const deadline = performance.now() + 5_000;
      while (delivered.length < total && performance.now() < deadline) await Bun.sleep(20);
      const cpu = cpuPerEvent(cpuBefore, cpuByRole(roles), total);
      const sorted = delivered.map(([, latency]) => latency).sort((a, b) => a - b);
      const at = (q: number) => percentile(sorted, q);
      const label = "warmup" in step ? " (warm-up, not reported)" : "";
      console.error(
        `realtime${raw ? " (raw floor)" : ""}: ${step.rate}/s → p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${delivered.length}/${total})${label}`,
      );
      const run = {
        rate: step.rate,
        seconds: step.seconds,
        sent: total,
        received: delivered.length,
        p50: at(0.5),
        p99: at(0.99),
      };
      if (!("warmup" in step)) runs.push(run);
      if (timelineWanted)
        console.error(`  slowest per half second: ${slowestPerHalfSecond(delivered, started, step.seconds)}`);
      const http = httpMs.sort((a, b) => a - b);
      console.error(
        `  CPU per event: ${Object.entries(cpu)
          .map(([role, us]) => `${role} ${us} µs`)
          .join(", ")}`,
      );
      console.error(`  HTTP reply p50 ${percentile(http, 0.5)} ms, p99 ${percentile(http, 0.99)} ms`);
      if (failed.size > 0) {
        const reasons = [...failed].map(([reason, count]) => `${reason} ×${count}`).join(", ");
        console.error(`  requests that failed (their events count as lost): ${reasons}`);
      }
      if (!("warmup" in step) && options.stopAfter?.(run)) break;
    }
    for (const socket of sockets) socket.close();
    return runs;
  } finally {
    await Promise.all([api.stop(), worker?.stop()]);
    await probe.close();
    // Every run has a prefix of its own: leave none of its jobs behind in the shared Valkey.
    const valkey = createValkeyConnection(VALKEY_URL, { name: "bench-cleanup" });
    for await (const keys of valkey.scanStream({ match: `${prefix}:*`, count: 1_000 })) {
      if ((keys as string[]).length > 0) await valkey.unlink(...(keys as string[]));
    }
    await valkey.quit();
    await database.close();
  }
}

/** A bench/raw-realtime.ts process, shaped like the product's for the code above. */
function startRawProcess(
  role: "api" | "worker" | "both",
  [port, prefix, databaseUrl]: [port: number, prefix: string, databaseUrl: string],
) {
  const entry = new URL("raw-realtime.ts", import.meta.url).pathname;
  const child = Bun.spawn(
    ["bun", ...profileFlags(`raw-${role}`), entry, role, String(port), prefix, databaseUrl],
    {
      stdout: "ignore",
      stderr: "inherit",
    },
  );
  return {
    process: child,
    stop: () => {
      child.kill("SIGTERM");
      return child.exited;
    },
  };
}

/** The raw floor's own tables, emptied for each run: a message and a notification row per event. */
async function createRawTables(db: ReturnType<typeof createDatabase>["db"]) {
  await db.execute(sql`create table if not exists bench_raw_messages (
    id uuid primary key, ticket_id uuid not null, body text not null,
    created_at timestamptz not null default now())`);
  await db.execute(sql`create table if not exists bench_raw_notifications (
    id uuid primary key, user_id uuid not null, message_id uuid not null,
    created_at timestamptz not null default now())`);
  await db.execute(sql`truncate bench_raw_messages, bench_raw_notifications`);
}

/** One organization: a customer and 10 agents, each assigned 5 of 50 tickets. */
async function createFixture(db: ReturnType<typeof createDatabase>["db"]) {
  const slug = `bench-${crypto.randomUUID().slice(0, 8)}`;
  const [org] = await db.insert(organizations).values({ name: "Bench", slug }).returning();
  if (!org) throw new Error("no organization");
  const passwordHash = "unused";
  const [customer] = await db
    .insert(users)
    .values({
      organizationId: org.id,
      role: "customer",
      name: "Customer",
      email: `c@${slug}.test`,
      passwordHash,
    })
    .returning();
  const agents = await db
    .insert(users)
    .values(
      Array.from({ length: 10 }, (_, n) => ({
        organizationId: org.id,
        role: "agent" as const,
        name: `Agent ${n}`,
        email: `a${n}@${slug}.test`,
        passwordHash,
      })),
    )
    .returning();
  if (!customer) throw new Error("no customer");
  const rows = await db
    .insert(tickets)
    .values(
      Array.from({ length: 50 }, (_, n) => ({
        organizationId: org.id,
        number: n + 1,
        subject: `Ticket ${n + 1}`,
        status: "open" as const,
        customerId: customer.id,
        assigneeId: agents[n % agents.length]?.id ?? null,
      })),
    )
    .returning({ id: tickets.id });
  const { JWT_SECRET } = env();
  const token = (user: { id: string }) =>
    signToken({ userId: user.id, organizationId: org.id }, JWT_SECRET, "1h");
  return {
    customerToken: await token(customer),
    agents: await Promise.all(agents.map(async (agent) => ({ id: agent.id, token: await token(agent) }))),
    tickets: rows.map((row) => row.id),
  };
}
