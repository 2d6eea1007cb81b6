import { withTransaction } from "@helpdesk/db/transaction";
import type { SystemContext } from "../../context/service-context.ts";
import { activeMembers, staffRoles } from "./active-members.ts";
import { digestCounts, hasActivity, openTicketCounts } from "./digest-figures.ts";
import { loadOrganization } from "./load-organization.ts";
import { digestPeriod } from "./schedule-periods.ts";
import { findRun, recordRun } from "./scheduled-runs.ts";

export interface DigestOccurrence {
  organizationId: string;
  /** The local date the digest reports on (the day before it is sent). */
  period: string;
}

/**
 * One organization's digest of one local day: an `email.digest` job for every active agent and
 * admin who has something to read: the day saw tickets created, resolved or breached, or they hold
 * open tickets. The `scheduled_runs` row and the e-mail jobs are written in one transaction, so the
 * first job to get there sends the digest and any other (a second scheduler, a retry, run now)
 * finds the row and does nothing.
 */
export async function fanOutDigest(ctx: SystemContext, occurrence: DigestOccurrence, startedAt = new Date()) {
  const key = { ...occurrence, kind: "digest" as const };
  if (await findRun(ctx.db, key)) return { skipped: "already ran", period: occurrence.period };
  const organization = await loadOrganization(ctx.db, occurrence.organizationId);
  if (!organization) return { skipped: "organization is gone", period: occurrence.period };

  const range = digestPeriod(occurrence.period, organization.timezone, organization.digest);
  const [counts, open, staff] = await Promise.all([
    digestCounts(ctx.db, organization.id, range),
    openTicketCounts(ctx.db, organization.id),
    activeMembers(ctx.db, organization.id, staffRoles),
  ]);
  const recipients = hasActivity(counts) ? staff : staff.filter((user) => (open.get(user.id) ?? 0) > 0);

  return withTransaction(ctx, async (tx) => {
    const ran = await recordRun(tx.db, { ...key, startedAt, sentCount: recipients.length });
    if (!ran) return { skipped: "already ran", period: occurrence.period };
    for (const recipient of recipients) {
      await tx.jobs.publish(
        tx,
        "email.digest",
        { ...occurrence, recipientId: recipient.id },
        { key: `digest-email-${occurrence.period}-${recipient.id}` },
      );
    }
    ctx.log.info({ ...occurrence, recipients: recipients.length }, "digest queued");
    return { period: occurrence.period, recipients: recipients.length };
  });
}
