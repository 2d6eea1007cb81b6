import { deadLetterJobs } from "@helpdesk/db/schema";
import { jobIdFor } from "@helpdesk/jobs/job-ids";
import type { QueueConfig } from "@helpdesk/jobs/queues";
import { createValkeyConnection } from "@helpdesk/valkey/connection";
import { Worker } from "bullmq";
import type { TestServer } from "./server.ts";

/**
 * Queues of the tests' own, which no worker serves: hand-made jobs there never meet a real worker.
 * Waiting jobs and jobs about to be failed live apart, so a waiting job is never failed by mistake.
 */
const WAITING_QUEUE = "test-waiting";
const FAILING_QUEUE = "test-failing";
const probeOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
export const probeQueues: Record<string, QueueConfig> = {
  [WAITING_QUEUE]: { concurrency: 1, jobOptions: probeOptions },
  [FAILING_QUEUE]: { concurrency: 1, jobOptions: probeOptions },
};

async function addProbe(server: TestServer, queue: string, organizationId: string) {
  const id = jobIdFor(organizationId);
  await server.jobs.queue(queue).add("test.probe", { organizationId }, { jobId: id, attempts: 1 });
  return { queue, id };
}

/** A job of the organization, waiting in its queue (no workers run in tests). */
export const waitingJob = (server: TestServer, organizationId: string) =>
  addProbe(server, WAITING_QUEUE, organizationId);

/** A job of the organization that failed for good: fetched and failed by hand through a manual worker. */
export async function failedJob(server: TestServer, organizationId: string) {
  const job = await addProbe(server, FAILING_QUEUE, organizationId);
  const connection = createValkeyConnection(server.jobs.valkeyUrl, {
    name: "helpdesk:test-worker",
    maxRetriesPerRequest: null,
  });
  const worker = new Worker(FAILING_QUEUE, null, { connection, prefix: server.jobs.prefix });
  try {
    const token = crypto.randomUUID();
    // Jobs ahead of ours (an earlier probe that was retried back to waiting) are failed along the way.
    for (;;) {
      const fetched = await worker.getNextJob(token);
      if (!fetched) throw new Error(`job ${job.id} never came up in ${FAILING_QUEUE}`);
      await fetched.moveToFailed(new Error("failed on purpose"), token);
      if (fetched.id === job.id) break;
    }
  } finally {
    await worker.close();
    await connection.quit();
  }
  return job;
}

/** A dead letter of the organization whose payload still passes its job's schema, so it can be retried. */
export async function deadLetter(server: TestServer, organizationId: string, ticketId: string) {
  const failedAt = new Date();
  const [row] = await server.db
    .insert(deadLetterJobs)
    .values({
      queue: "ticket-notifications",
      jobName: "ticket.event",
      jobId: jobIdFor(organizationId),
      organizationId,
      payload: {
        type: "ticket.created",
        organizationId,
        ticketId,
        actorId: null,
        occurredAt: failedAt.toISOString(),
        eventId: Bun.randomUUIDv7(),
      },
      errorMessage: "failed on purpose",
      attemptsMade: 5,
      failedAt,
      failureKey: failedAt.getTime(),
    })
    .returning();
  if (!row) throw new Error("dead letter insert returned nothing");
  return row;
}
