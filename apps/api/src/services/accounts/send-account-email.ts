import { accountTokens, organizations } from "@helpdesk/db/schema";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { Payload } from "@helpdesk/jobs/define";
import type { Job } from "bullmq";
import { and, eq } from "drizzle-orm";
import { accountToken } from "../../auth/account-tokens.ts";
import { deliverEmail } from "../email/deliver-email.ts";
import type { EmailContext } from "../email/email-context.ts";
import { accountLinks, links } from "../email/links.ts";
import { loadRecipient } from "../email/load-recipient.ts";

type AccountPayload = Payload<ProductCatalog, "email.account">;

/**
 * The welcome or password-reset e-mail of one token row. The link's token is rebuilt from the row
 * id (auth/account-tokens.ts), the same on every attempt, and the send's idempotency key is the
 * job's: a retried job sends one e-mail with one link. A link that can no longer work (used,
 * replaced by a reset, expired, its user deactivated) is not sent.
 */
export async function sendAccountEmail(ctx: EmailContext, payload: AccountPayload, job: Job) {
  const [row] = await ctx.db
    .select({ token: accountTokens, organizationName: organizations.name })
    .from(accountTokens)
    .innerJoin(organizations, eq(organizations.id, accountTokens.organizationId))
    .where(
      and(
        eq(accountTokens.id, payload.tokenId),
        eq(accountTokens.organizationId, payload.organizationId),
        eq(accountTokens.userId, payload.userId),
        eq(accountTokens.purpose, payload.purpose),
      ),
    );
  if (!row) return { skipped: "the link is gone" };
  if (row.token.usedAt) return { skipped: "the link was used or replaced" };
  if (row.token.expiresAt.getTime() <= Date.now()) return { skipped: "the link has expired" };
  const recipient = await loadRecipient(ctx, payload.organizationId, payload.userId);
  if (!recipient) return { skipped: "recipient is no longer an active member" };
  const url = accountLinks(ctx.email.publicUrl).resetPassword(
    accountToken(ctx.email.accountTokenSecret, row.token.id),
  );
  const common = {
    recipientName: recipient.name,
    organizationName: row.organizationName,
    expiresAt: row.token.expiresAt.toISOString(),
    preferencesUrl: links(ctx.email.appUrl).preferences(),
  };
  const delivery = {
    organizationId: payload.organizationId,
    recipient,
    job,
  };
  return payload.purpose === "welcome"
    ? deliverEmail(ctx, { ...delivery, template: "welcome", props: { ...common, setPasswordUrl: url } })
    : deliverEmail(ctx, { ...delivery, template: "password-reset", props: { ...common, resetUrl: url } });
}
