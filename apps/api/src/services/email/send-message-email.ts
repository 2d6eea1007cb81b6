import { anyOf } from "@helpdesk/db/any-of";
import { messageEmailCursors, ticketMessages, tickets, users } from "@helpdesk/db/schema";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { Payload } from "@helpdesk/jobs/define";
import type { Job } from "bullmq";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { NotFoundError } from "../../lib/errors.ts";
import { deliverEmail } from "./deliver-email.ts";
import type { EmailContext } from "./email-context.ts";
import { links } from "./links.ts";
import { loadRecipient } from "./load-recipient.ts";
import { visibleTo } from "./message-visibility.ts";
import { queueMessageEmail } from "./queue-message-email.ts";

const MAX_LISTED = 50;

/**
 * One e-mail listing the ticket's messages that are new to the recipient: written by someone
 * else, after the last message they were e-mailed and after their own last message (they saw the
 * conversation when they wrote). Customers never see internal notes. Nothing new → nothing sent.
 * Queued once the ticket is quiet (queue-message-email.ts). The first attempt records its list in
 * the job, so a retry sends the very same e-mail.
 */
export async function sendMessageEmail(
  ctx: EmailContext,
  payload: Payload<ProductCatalog, "email.ticket-messages">,
  job: Job,
) {
  const recipient = await loadRecipient(ctx, payload.organizationId, payload.recipientId);
  if (!recipient) return { skipped: "recipient is no longer an active member" };
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.id, payload.ticketId), eq(tickets.organizationId, payload.organizationId)),
  });
  if (!ticket) throw new NotFoundError("Ticket");

  const messageIds = payload.messageIds ?? (await newMessageIds(ctx, ticket.id, recipient));
  if (messageIds.length === 0) return { skipped: "no new messages for this recipient" };
  if (!payload.messageIds) await job.updateData({ ...payload, messageIds });
  const messages = await ctx.db
    .select({
      id: ticketMessages.id,
      authorName: users.name,
      body: ticketMessages.body,
      createdAt: ticketMessages.createdAt,
      internal: ticketMessages.internal,
    })
    .from(ticketMessages)
    .innerJoin(users, eq(users.id, ticketMessages.authorId))
    // Scoped again here: an edited dead-letter payload must not pull another ticket's messages.
    .where(and(anyOf(ticketMessages.id, messageIds), ...visibleTo(ticket.id, recipient)))
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
  await job.log(`listing ${messages.length} messages`);

  const link = links(ctx.email.appUrl);
  const result = await deliverEmail(ctx, {
    organizationId: payload.organizationId,
    recipient,
    job,
    template: "new-message",
    props: {
      recipientName: recipient.name,
      ticketNumber: ticket.number,
      subject: ticket.subject,
      messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      ticketUrl: link.ticket(ticket.id),
      preferencesUrl: link.preferences(),
    },
  });
  const lastMessageAt = messages.at(-1)?.createdAt;
  if (lastMessageAt) {
    await advanceCursor(ctx, ticket.id, recipient.id, lastMessageAt);
    // A message that came while this e-mail was pending a retry (its list was already fixed) was
    // folded into this job by deduplication: it gets an e-mail of its own.
    const newer = await ctx.db
      .select({ createdAt: ticketMessages.createdAt })
      .from(ticketMessages)
      .where(and(...visibleTo(ticket.id, recipient), gt(ticketMessages.createdAt, lastMessageAt)))
      .limit(1);
    const [first] = newer;
    if (first) {
      await queueMessageEmail(
        ctx,
        { organizationId: payload.organizationId, ticketId: ticket.id, recipientId: recipient.id },
        first.createdAt.getTime(),
      );
    }
  }
  return result;
}

/** Records how far the user has been e-mailed; never moves back (e-mails may finish out of order). */
async function advanceCursor(ctx: EmailContext, ticketId: string, userId: string, lastMessageAt: Date) {
  await ctx.db
    .insert(messageEmailCursors)
    .values({ ticketId, userId, lastMessageAt })
    .onConflictDoUpdate({
      target: [messageEmailCursors.ticketId, messageEmailCursors.userId],
      set: { lastMessageAt: sql`greatest(${messageEmailCursors.lastMessageAt}, excluded.last_message_at)` },
    });
}

async function newMessageIds(
  ctx: EmailContext,
  ticketId: string,
  recipient: { id: string; role: "customer" | "agent" | "admin" },
): Promise<string[]> {
  const [cursor] = await ctx.db
    .select({ at: messageEmailCursors.lastMessageAt })
    .from(messageEmailCursors)
    .where(and(eq(messageEmailCursors.ticketId, ticketId), eq(messageEmailCursors.userId, recipient.id)));
  const [ownLast] = await ctx.db
    .select({ at: ticketMessages.createdAt })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.authorId, recipient.id)))
    .orderBy(desc(ticketMessages.createdAt))
    .limit(1);
  const after = [cursor?.at, ownLast?.at]
    .filter((d): d is Date => Boolean(d))
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const visible = visibleTo(ticketId, recipient);
  if (after) visible.push(gt(ticketMessages.createdAt, after));
  const rows = await ctx.db
    .select({ id: ticketMessages.id })
    .from(ticketMessages)
    .where(and(...visible))
    .orderBy(desc(ticketMessages.createdAt), desc(ticketMessages.id))
    .limit(MAX_LISTED);
  return rows.map((row) => row.id).reverse();
}
