import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Process-wide metrics registry, served at GET /metrics. Gauges that need I/O (queue depth, outbox
 * lag) read their sources at scrape time; sources are added per running job runtime.
 */
export const metricsRegistry = new Registry();

export const jobDuration = new Histogram({
  name: "helpdesk_job_duration_seconds",
  help: "Time a handler took, by queue, job name and outcome",
  labelNames: ["queue", "job", "outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const jobsCompleted = new Counter({
  name: "helpdesk_jobs_completed_total",
  help: "Jobs that completed, by queue and job name",
  labelNames: ["queue", "job"] as const,
  registers: [metricsRegistry],
});

export const jobsFailed = new Counter({
  name: "helpdesk_jobs_failed_total",
  help: "Failed attempts (including ones that will be retried), by queue and job name",
  labelNames: ["queue", "job"] as const,
  registers: [metricsRegistry],
});

export const deadLettersRecorded = new Counter({
  name: "helpdesk_dead_letters_total",
  help: "Jobs that failed for the last time and were recorded as dead letters",
  labelNames: ["queue", "job"] as const,
  registers: [metricsRegistry],
});

type DepthSource = () => Promise<{ queue: string; counts: Record<string, number> }[]>;
const depthSources = new Set<DepthSource>();
new Gauge({
  name: "helpdesk_queue_jobs",
  help: "Jobs in each queue by state",
  labelNames: ["queue", "state"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const source of depthSources) {
      for (const { queue, counts } of await source().catch(() => [])) {
        for (const [state, value] of Object.entries(counts)) this.set({ queue, state }, value);
      }
    }
  },
});

type LagSource = () => Promise<number>;
const lagSources = new Set<LagSource>();
new Gauge({
  name: "helpdesk_outbox_lag_seconds",
  help: "Age of the oldest outbox row not yet relayed to the queue (0 when none)",
  registers: [metricsRegistry],
  async collect() {
    const lags = await Promise.all([...lagSources].map((source) => source().catch(() => 0)));
    this.set(Math.max(0, ...lags));
  },
});

/** Registers scrape-time sources; returns a function that removes them (on shutdown). */
export function addMetricSources(sources: { depth?: DepthSource; outboxLag?: LagSource }): () => void {
  if (sources.depth) depthSources.add(sources.depth);
  if (sources.outboxLag) lagSources.add(sources.outboxLag);
  return () => {
    if (sources.depth) depthSources.delete(sources.depth);
    if (sources.outboxLag) lagSources.delete(sources.outboxLag);
  };
}
