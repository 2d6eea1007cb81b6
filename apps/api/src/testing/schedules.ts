import type { Database } from "@helpdesk/db/client";
import { type DigestSettings, emailLog, organizations, type WeeklyReportSettings } from "@helpdesk/db/schema";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { EnqueueOptions, JobName, PayloadInput } from "@helpdesk/jobs/define";
import { waitFor } from "@helpdesk/jobs/testing/wait-for";
import type { Job } from "bullmq";
import { and, asc, eq, like } from "drizzle-orm";
import type { ProductJobs } from "../context/service-context.ts";

export const noDigest: DigestSettings = { enabled: false, hour: 8, weekdaysOnly: false };
export const noWeeklyReport: WeeklyReportSettings = { enabled: false, weekday: "mon", hour: 8 };

/** Sets an organization's zone and schedules (both off unless given). */
export async function setSchedules(
  db: Database,
  organizationId: string,
  settings: { timezone: string; digest?: DigestSettings; weeklyReport?: WeeklyReportSettings },
) {
  await db
    .update(organizations)
    .set({
      timezone: settings.timezone,
      digest: settings.digest ?? noDigest,
      weeklyReport: settings.weeklyReport ?? noWeeklyReport,
    })
    .where(eq(organizations.id, organizationId));
}

/** Adds a job and waits until a worker has completed it (a failure throws at once). */
export async function runJob<N extends JobName<ProductCatalog>>(
  jobs: ProductJobs,
  name: N,
  payload: PayloadInput<ProductCatalog, N>,
  options?: EnqueueOptions,
) {
  const job = await jobs.enqueue(name, payload, options);
  await waitFor(`${name} ${job.id} to complete`, async () => {
    const state = await job.getState();
    if (state === "failed") {
      const failed = await jobs.queue(job.queueName).getJob(job.id ?? "");
      throw new Error(`${name} failed: ${failed?.failedReason}`);
    }
    return state === "completed";
  });
  return job;
}

/** The e-mails of a template sent to the organization whose job id contains `key` (e.g. a period). */
export function sentEmails(db: Database, organizationId: string, template: string, key: string) {
  return db
    .select()
    .from(emailLog)
    .where(
      and(
        eq(emailLog.organizationId, organizationId),
        eq(emailLog.template, template),
        eq(emailLog.status, "sent"),
        like(emailLog.jobId, `%${key}%`),
      ),
    )
    .orderBy(asc(emailLog.toAddress));
}

/**
 * Leaves the organization's digest of `period` as BullMQ keeps one whose every attempt failed,
 * under its scheduled id: the job runs (once) while the organization's zone is one no calendar
 * knows, so the real handler fails; then the zone is put back.
 */
export async function failedDigestJob(
  db: Database,
  jobs: ProductJobs,
  organizationId: string,
  period: string,
): Promise<Job> {
  const [organization] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) throw new Error(`no organization ${organizationId}`);
  await db
    .update(organizations)
    .set({ timezone: "Nowhere/Atlantis" })
    .where(eq(organizations.id, organizationId));
  try {
    const job = await jobs
      .queue("reports")
      .add(
        "reports.digest",
        { organizationId, period },
        { ...jobs.jobOptions("reports.digest", organizationId, { key: `digest-${period}` }), attempts: 1 },
      );
    await waitFor(`digest ${job.id} to fail`, async () => (await job.getState()) === "failed");
    return job;
  } finally {
    await db
      .update(organizations)
      .set({ timezone: organization.timezone })
      .where(eq(organizations.id, organizationId));
  }
}
