import { type Organization, organizations } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { NotFoundError } from "../../lib/errors.ts";

/** Everyone in the organization sees who it is and its clock; only admins see how it is run. */
const publicPart = ({ id, name, slug, timezone }: Organization) => ({ id, name, slug, timezone });

export async function getOrganization(ctx: ServiceContext) {
  const [row] = await ctx.db
    .select()
    .from(organizations)
    .where(eq(organizations.id, ctx.actor.organizationId));
  if (!row) throw new NotFoundError("Organization");
  return ctx.actor.role === "admin" ? row : publicPart(row);
}
