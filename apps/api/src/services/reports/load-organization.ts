import type { Executor } from "@helpdesk/db/client";
import { organizations } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";

/** What the schedules read of an organization: its name, clock and schedule settings. */
export async function loadOrganization(db: Executor, organizationId: string) {
  const [organization] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      timezone: organizations.timezone,
      digest: organizations.digest,
      weeklyReport: organizations.weeklyReport,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return organization;
}
