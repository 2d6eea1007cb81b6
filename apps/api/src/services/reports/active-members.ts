import type { Executor } from "@helpdesk/db/client";
import { type UserRole, users } from "@helpdesk/db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";

/** The organization's active users of these roles (staff: agents and admins), by name. */
export function activeMembers(db: Executor, organizationId: string, roles: readonly UserRole[]) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.active, true), inArray(users.role, roles)))
    .orderBy(asc(users.name), asc(users.id));
}

export const staffRoles = ["agent", "admin"] as const satisfies readonly UserRole[];
