/**
 * The floor under bench/realtime.ts: the same parts (Express 5 on Bun, PostgreSQL through
 * postgres.js, BullMQ on iovalkey, Socket.IO with the Valkey adapter and emitter) doing the least an
 * event needs, with none of the product on top. Per reply: one INSERT, one `queue.add`; per job:
 * one statement that reads the ticket's assignee and records the notification, then
 * `ticket:updated` to every connected agent and `notification` to the assignee, as the product
 * sends them. No authentication, outbox, recipient rules, collapsing, e-mail or logging.
 *
 * `bun bench/raw-realtime.ts <role> <port> <queue prefix> <database url>`, started by
 * bench/realtime.ts: role `api` serves HTTP and the sockets, `worker` runs the jobs, `both` does
 * both in one process (the benchmark's two deployment shapes). A socket's `auth.token` is its user
 * id. The tables are the benchmark's (`bench_raw_*`).
 */
import { createAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import { Queue, Worker } from "bullmq";
import express from "express";
import Valkey from "iovalkey";
import postgres from "postgres";
import { Server } from "socket.io";
import { keepConnectionsAlive } from "../apps/api/src/http/keep-alive.ts";
import { VALKEY_URL } from "./variants.ts";

const [role, port, prefix, databaseUrl] = process.argv.slice(2) as [string, string, string, string];
// Tagged queries are prepared by postgres.js itself, as the product's are (packages/db/src/client.ts).
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
const valkey = () => new Valkey(VALKEY_URL, { maxRetriesPerRequest: null });
const closers: (() => Promise<unknown>)[] = [];

if (role === "api" || role === "both") {
  const queue = new Queue("raw-events", {
    connection: valkey(),
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 1_000 } },
  });
  const app = express();
  app.use(express.json());
  app.get("/health/ready", (_req, res) => {
    res.json({ ok: true });
  });
  app.post("/api/v1/tickets/:id/messages", async (req, res) => {
    const id = Bun.randomUUIDv7();
    const ticketId = req.params.id;
    await sql`insert into bench_raw_messages (id, ticket_id, body) values (${id}, ${ticketId}, ${req.body.body})`;
    await queue.add("event", { messageId: id, ticketId });
    res.status(201).json({ id });
  });
  const server = app.listen(Number(port));
  // As the product's API (its default): a step's idle connections would otherwise be reset.
  keepConnectionsAlive(server, 65_000);
  const pub = valkey();
  const io = new Server(server, {
    serveClient: false,
    adapter: createAdapter(pub, pub.duplicate(), { key: `${prefix}:socket.io` }),
  });
  io.on("connection", (socket) => {
    socket.join(`user:${socket.handshake.auth.token}`);
    socket.join("staff");
  });
  closers.push(() => io.close().then(() => queue.close()));
}

if (role === "worker" || role === "both") {
  const emitter = new Emitter(new Valkey(VALKEY_URL, { enableAutoPipelining: true }), {
    key: `${prefix}:socket.io`,
  });
  const worker = new Worker<{ messageId: string; ticketId: string }>(
    "raw-events",
    async (job) => {
      const { messageId, ticketId } = job.data;
      const [recorded] = await sql<{ user_id: string }[]>`
        insert into bench_raw_notifications (id, user_id, message_id)
        select ${Bun.randomUUIDv7()}, assignee_id, ${messageId} from tickets where id = ${ticketId}
        returning user_id`;
      emitter.to("staff").emit("ticket:updated", { ticketId });
      emitter.to(`user:${recorded?.user_id}`).emit("notification", { data: { messageId } });
    },
    { connection: valkey(), prefix, concurrency: 20 },
  );
  closers.push(() => worker.close());
}

process.on("SIGTERM", async () => {
  await Promise.allSettled(closers.map((close) => close()));
  await sql.end({ timeout: 1 });
  process.exit(0);
});
