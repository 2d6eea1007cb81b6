import { ticketMessages, tickets, users } from "@helpdesk/db/schema";
import type { ProductCatalog } from "@helpdesk/jobs/catalog";
import type { Payload } from "@helpdesk/jobs/define";
import { type Job, UnrecoverableError } from "bullmq";
import { and, asc, eq } from "drizzle-orm";
import { NotFoundError } from "../../lib/errors.ts";
import { deliverEmail } from "./deliver-email.ts";
import type { EmailContext } from "./email-context.ts";
import { links } from "./links.ts";
import { loadRecipient } from "./load-recipient.ts";

type NotifyPayload = Payload<ProductCatalog, "email.notify">;

/**
 * The e-mail for one ticket event and one recipient: confirmation of a new ticket, an assignment,
 * or a status change (a close has its own template). Reads the current ticket, not a copy.
 */
export async function sendNotificationEmail(ctx: EmailContext, payload: NotifyPayload, job: Job) {
  const recipient = await loadRecipient(ctx, payload.organizationId, payload.recipientId);
  if (!recipient) return { skipped: "recipient is no longer an active member" };
  const ticket = await ctx.db.query.tickets.findFirst({
    where: and(eq(tickets.id, payload.ticketId), eq(tickets.organizationId, payload.organizationId)),
  });
  if (!ticket) throw new NotFoundError("Ticket");
  const link = links(ctx.email.appUrl);
  const common = {
    recipientName: recipient.name,
    ticketNumber: ticket.number,
    subject: ticket.subject,
    ticketUrl: link.ticket(ticket.id),
    preferencesUrl: link.preferences(),
  };
  const delivery = {
    organizationId: payload.organizationId,
    recipient,
    job,
  };
  switch (payload.kind) {
    case "ticket.created": {
      const [customer, first] = await Promise.all([
        nameOf(ctx, ticket.customerId),
        ctx.db.query.ticketMessages.findFirst({
          where: and(eq(ticketMessages.ticketId, ticket.id), eq(ticketMessages.internal, false)),
          orderBy: asc(ticketMessages.createdAt),
        }),
      ]);
      return deliverEmail(ctx, {
        ...delivery,
        template: "ticket-created",
        props: {
          ...common,
          audience: recipient.role === "customer" ? "customer" : "staff",
          customerName: customer ?? "",
          body: first?.body ?? "",
        },
      });
    }
    case "ticket.assigned":
      return deliverEmail(ctx, {
        ...delivery,
        template: "ticket-assigned",
        props: {
          ...common,
          assignedByName: payload.actorId ? ((await nameOf(ctx, payload.actorId)) ?? null) : null,
        },
      });
    case "ticket.status_changed":
      if (payload.toStatus === "closed") {
        return deliverEmail(ctx, {
          ...delivery,
          template: "ticket-closed",
          // Anyone's close is "manual"; every other reason is the auto-close (docs/tickets.md).
          props: { ...common, reason: ticket.closedReason === "manual" ? "manual" : "auto" },
        });
      }
      return deliverEmail(ctx, {
        ...delivery,
        template: "status-changed",
        props: {
          ...common,
          fromStatus: payload.fromStatus ?? ticket.status,
          toStatus: payload.toStatus ?? ticket.status,
        },
      });
    case "sla.warning":
    case "sla.breached":
      if (!payload.target || !payload.dueAt)
        throw new UnrecoverableError("An SLA e-mail needs its target and due time");
      return deliverEmail(ctx, {
        ...delivery,
        template: payload.kind === "sla.warning" ? "sla-warning" : "sla-breach",
        props: { ...common, target: payload.target, dueAt: payload.dueAt },
      });
  }
}

async function nameOf(ctx: EmailContext, userId: string) {
  const [user] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user?.name;
}
