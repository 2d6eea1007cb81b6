import type { Locale, UserRole } from "@helpdesk/db/schema";

/** The authenticated user a request or socket runs as. */
export interface Actor {
  id: string;
  organizationId: string;
  role: UserRole;
  name: string;
  email: string;
  locale: Locale;
}

export const isStaff = (actor: Pick<Actor, "role">) => actor.role === "agent" || actor.role === "admin";
