import {
  type NotificationType,
  notificationPreferences,
  notificationTypes,
  type UserRole,
} from "@helpdesk/db/schema";
import { withTransaction } from "@helpdesk/db/transaction";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ServiceContext } from "../../context/service-context.ts";
import { emailByDefault } from "./email-defaults.ts";

export const updatePreferencesInput = z.object({
  preferences: z
    .array(z.object({ type: z.enum(notificationTypes), email: z.boolean() }).strict())
    .min(1)
    .max(notificationTypes.length),
});

/** Every type with the user's e-mail choice (or its default); in-app is always on. */
export async function getPreferences(ctx: ServiceContext) {
  const rows = await ctx.db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, ctx.actor.id));
  const chosen = new Map(rows.map((row) => [row.type, row.email]));
  return {
    preferences: notificationTypes.map((type) => {
      const fallback = emailByDefault(type, ctx.actor.role);
      return {
        type,
        email: chosen.get(type) ?? fallback,
        inApp: true as const,
        isDefault: !chosen.has(type),
      };
    }),
  };
}

export async function updatePreferences(ctx: ServiceContext, input: z.output<typeof updatePreferencesInput>) {
  await withTransaction(ctx, async ({ db }) => {
    for (const { type, email } of input.preferences) {
      await db
        .insert(notificationPreferences)
        .values({ userId: ctx.actor.id, type, email })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.type],
          set: { email, updatedAt: sql`now()` },
        });
    }
  });
  return getPreferences(ctx);
}

/** Whether a user wants this type by e-mail: their choice if they made one, else their role's default. */
export function wantsEmail(type: NotificationType, role: UserRole, choice: boolean | undefined): boolean {
  return choice ?? emailByDefault(type, role);
}
