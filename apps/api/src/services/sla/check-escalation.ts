import { anyOf } from "@helpdesk/db/any-of";
import { type SlaEscalation, users } from "@helpdesk/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../../context/service-context.ts";
import { type FieldIssue, ValidationError } from "../../lib/errors.ts";

const message = "is not an active agent or admin of this organization";

/**
 * Escalation may only name active staff of the actor's organization, in one query for all of them.
 * An unknown id and another organization's user get the same answer, so ids reveal nothing.
 */
export async function checkEscalation(ctx: ServiceContext, escalation: SlaEscalation): Promise<void> {
  const ids = [...escalation.notifyUserIds, ...(escalation.reassignToId ? [escalation.reassignToId] : [])];
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        anyOf(users.id, [...new Set(ids)]),
        eq(users.organizationId, ctx.actor.organizationId),
        eq(users.active, true),
        inArray(users.role, ["agent", "admin"]),
      ),
    );
  const staff = new Set(found.map((user) => user.id));
  const issues: FieldIssue[] = escalation.notifyUserIds.flatMap((id, i) =>
    staff.has(id) ? [] : [{ location: "body" as const, path: `escalation.notifyUserIds.${i}`, message }],
  );
  if (escalation.reassignToId && !staff.has(escalation.reassignToId)) {
    issues.push({ location: "body", path: "escalation.reassignToId", message });
  }
  if (issues.length > 0) throw new ValidationError("Invalid body", { issues });
}
