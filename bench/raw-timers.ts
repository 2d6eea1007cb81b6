/**
 * The floor under the SLA timers: raw BullMQ, in a worker process of its own at the `sla` queue's
 * concurrency, drains N no-op delayed jobs due within one second. Lateness is each job's finish
 * time minus its due time, as the product's breach lateness is its record time minus the deadline.
 */
import { queueConfigs } from "@helpdesk/jobs/queues";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Queue } from "bullmq";
import { cpuByRole, cpuPerEvent } from "./cpu.ts";
import { percentile, until } from "./support.ts";
import { VALKEY_URL } from "./variants.ts";

export async function rawTimerLateness(count: number) {
  const prefix = `bench-raw-timers-${crypto.randomUUID().slice(0, 6)}`;
  const queue = new Queue("sla", {
    connection: createValkeyConnection(VALKEY_URL, { name: "bench-raw-timers", maxRetriesPerRequest: null }),
    prefix,
  });
  const worker = Bun.spawn(
    ["bun", `${import.meta.dir}/raw-timer-worker.ts`, prefix, String(queueConfigs.sla.concurrency)],
    { stdout: "pipe", stderr: "inherit" },
  );
  try {
    await until(async () => (await queue.getWorkers()).length > 0);
    const second = Math.ceil(Date.now() / 1000) * 1000 + Math.max(5_000, count);
    for (let i = 0; i < count; i += 1_000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1_000, count - i) }, (_, k) => {
          const dueAt = second + (((i + k) * 997) % 1000);
          return {
            name: "raw.timer",
            data: { dueAt },
            opts: { delay: dueAt - Date.now(), jobId: `t${i + k}` },
          };
        }),
      );
    }
    if (Date.now() > second) throw new Error("queuing the timers took past their deadlines: lower the count");
    const roles = { worker: worker.pid };
    const cpuBefore = cpuByRole(roles);
    await until(async () => (await queue.getCompletedCount()) >= count, 120_000);
    const cpu = cpuPerEvent(cpuBefore, cpuByRole(roles), count);
    const lateness: number[] = [];
    for (let start = 0; start < count; start += 1_000) {
      for (const job of await queue.getCompleted(start, start + 999)) {
        lateness.push((job.finishedOn ?? 0) - job.data.dueAt);
      }
    }
    lateness.sort((a, b) => a - b);
    return { count, p50: percentile(lateness, 0.5), p99: percentile(lateness, 0.99), cpu };
  } finally {
    worker.kill("SIGTERM");
    await worker.exited;
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}
