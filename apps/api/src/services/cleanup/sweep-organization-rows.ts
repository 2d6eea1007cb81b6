import {
  defaultRetention,
  emailLog,
  notifications,
  organizations,
  type RetentionSettings,
  tickets,
} from "@helpdesk/db/schema";
import { and, asc, eq, gt, isNotNull, isNull, lt } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";
import type { SweepRun } from "./batches.ts";
import { deleteInBatches } from "./delete-in-batches.ts";
import { daysBefore } from "./retention-periods.ts";

/**
 * What each organization keeps no longer, by its own `retention` setting: read notifications,
 * its e-mail log, and closed tickets (`closedTicketDays` null keeps them). One organization at a
 * time, so every batch walks that organization's index.
 *
 * A closed ticket is deleted, not archived: its messages, status history, SLA clocks and breaches,
 * followers, notifications and e-mail cursors go with it (their foreign keys cascade), so nothing
 * of it outlives the organization's choice.
 */
export async function sweepOrganizationRows(ctx: SystemContext, run: SweepRun) {
  let after: string | undefined;
  for (;;) {
    run.signal?.throwIfAborted();
    const page = await ctx.db
      .select({ id: organizations.id, retention: organizations.retention })
      .from(organizations)
      .where(after ? gt(organizations.id, after) : undefined)
      .orderBy(asc(organizations.id))
      .limit(run.batchSize);
    for (const org of page)
      await sweepOrganization(ctx, run, org.id, { ...defaultRetention, ...org.retention });
    if (page.length < run.batchSize) break;
    after = page.at(-1)?.id;
  }
  // Mail that belongs to no organization is kept as long as an organization keeps it by default.
  await sweepEmailLog(ctx, run, null, daysBefore(run.now, defaultRetention.emailLogDays));
}

async function sweepOrganization(
  ctx: SystemContext,
  run: SweepRun,
  organizationId: string,
  retention: RetentionSettings,
) {
  const { db } = ctx;
  const readBefore = daysBefore(run.now, retention.notificationDays);
  await deleteInBatches(
    db,
    run,
    "readNotifications",
    notifications,
    notifications.id,
    and(
      eq(notifications.organizationId, organizationId),
      isNotNull(notifications.readAt),
      lt(notifications.readAt, readBefore),
    ),
  );
  await sweepEmailLog(ctx, run, organizationId, daysBefore(run.now, retention.emailLogDays));
  if (retention.closedTicketDays === null) return;
  const closedBefore = daysBefore(run.now, retention.closedTicketDays);
  await deleteInBatches(
    db,
    run,
    "closedTickets",
    tickets,
    tickets.id,
    and(
      eq(tickets.organizationId, organizationId),
      eq(tickets.status, "closed"),
      lt(tickets.closedAt, closedBefore),
    ),
  );
}

async function sweepEmailLog(ctx: SystemContext, run: SweepRun, organizationId: string | null, before: Date) {
  await deleteInBatches(
    ctx.db,
    run,
    "emailLog",
    emailLog,
    emailLog.id,
    and(
      organizationId ? eq(emailLog.organizationId, organizationId) : isNull(emailLog.organizationId),
      lt(emailLog.createdAt, before),
    ),
  );
}
