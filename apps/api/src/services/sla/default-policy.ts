import type { Executor } from "@helpdesk/db/client";
import { organizations, slaPolicies } from "@helpdesk/db/schema";
import { and, eq, ne } from "drizzle-orm";

/**
 * Takes the organization's default away from whichever policy has it, before another is made the
 * default in the same transaction. Two admins doing so at once would both find the old default
 * (or none) and the second insert would hit the one-default index, so the organization row is
 * locked first: `no key update`, the lock a ticket's numbering takes, which leaves the foreign-key
 * checks of the organization's other writes alone.
 */
export async function releaseDefault(db: Executor, organizationId: string, keepId?: string): Promise<void> {
  await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("no key update");
  await db
    .update(slaPolicies)
    .set({ isDefault: false })
    .where(
      and(
        eq(slaPolicies.organizationId, organizationId),
        eq(slaPolicies.isDefault, true),
        keepId ? ne(slaPolicies.id, keepId) : undefined,
      ),
    );
}
