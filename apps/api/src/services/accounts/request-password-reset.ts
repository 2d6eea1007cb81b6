import type { Executor } from "@helpdesk/db/client";
import { selectRow } from "@helpdesk/db/insert-select";
import { runPrepared } from "@helpdesk/db/prepared";
import { accountTokens, organizations, outboxEvents, users } from "@helpdesk/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ACCOUNT_TOKEN_TTL_MS, newAccountToken } from "../../auth/account-tokens.ts";
import type { PublicContext } from "../../context/service-context.ts";
import { email } from "../../schemas/common.ts";

export const requestPasswordResetInput = z.object({
  organizationSlug: z.string().trim().toLowerCase().min(1).max(100),
  email,
});

/**
 * Issues a password-reset link if the organization has an active user with this e-mail, and
 * answers the same either way (the route: 202, no body), in the same time: the same work is done
 * for an address that matches nothing. The token is made before the lookup, and one statement
 * looks the user up, writes the token row and the e-mail job's outbox row only if it found them:
 * one round trip in both cases, the e-mail's delivery left to the job. Rate-limited per client
 * address and per account (auth/limits.ts).
 */
export async function requestPasswordReset(
  ctx: PublicContext,
  input: z.output<typeof requestPasswordResetInput>,
): Promise<void> {
  const tokenId = Bun.randomUUIDv7();
  const outboxId = Bun.randomUUIDv7();
  const { tokenHash } = newAccountToken(ctx.tokens.secret, tokenId);
  const [issued] = await runPrepared(ctx.db, "account_request_password_reset", requestStatement, {
    organizationSlug: input.organizationSlug,
    email: input.email,
    tokenId,
    tokenHash,
    expiresAt: new Date(Date.now() + ACCOUNT_TOKEN_TTL_MS.password_reset).toISOString(),
    outboxId,
  });
  if (!issued) {
    ctx.log.info("password reset asked for an unknown account");
    return;
  }
  const payload = ctx.jobs.definition("email.account").schema.parse({
    organizationId: issued.organizationId,
    userId: issued.userId,
    tokenId,
    purpose: "password_reset",
  });
  ctx.jobs.published(ctx, {
    row: {
      id: outboxId,
      queue: "email",
      jobName: "email.account",
      payload,
      organizationId: issued.organizationId,
      jobId: null,
      runAt: null,
      priority: null,
    },
  });
  ctx.log.info({ userId: issued.userId, organizationId: issued.organizationId }, "password reset asked");
}

const p = (name: string) => sql.placeholder(name);

function requestStatement(db: Executor) {
  const target = db.$with("target").as(
    db
      .select({ userId: users.id, organizationId: users.organizationId })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(
        and(
          eq(organizations.slug, p("organizationSlug")),
          eq(sql`lower(${users.email})`, p("email")),
          eq(users.active, true),
        ),
      )
      .limit(1),
  );
  const issued = db.$with("issued").as(
    db
      .insert(accountTokens)
      .select(
        db
          .select(
            selectRow(accountTokens, {
              id: p("tokenId"),
              organizationId: target.organizationId,
              userId: target.userId,
              purpose: sql`'password_reset'`,
              tokenHash: p("tokenHash"),
              expiresAt: p("expiresAt"),
            }),
          )
          .from(target),
      )
      .returning({ organizationId: accountTokens.organizationId, userId: accountTokens.userId }),
  );
  const published = db.$with("published").as(
    db
      .insert(outboxEvents)
      .select(
        db
          .select(
            selectRow(outboxEvents, {
              id: p("outboxId"),
              organizationId: issued.organizationId,
              queue: sql`'email'`,
              jobName: sql`'email.account'`,
              payload: sql`jsonb_build_object('organizationId', ${issued.organizationId}, 'userId', ${issued.userId}, 'tokenId', ${p("tokenId")}::text, 'purpose', 'password_reset')`,
            }),
          )
          .from(issued),
      )
      .returning({ id: outboxEvents.id }),
  );
  // Every CTE runs, read or not (PostgreSQL runs data-modifying ones to completion).
  return db
    .with(target, issued, published)
    .select({ organizationId: issued.organizationId, userId: issued.userId })
    .from(issued);
}
