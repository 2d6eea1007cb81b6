import type { Executor } from "@helpdesk/db/client";
import { runPrepared } from "@helpdesk/db/prepared";
import { notificationPreferences, ticketMessages, tickets, users } from "@helpdesk/db/schema";
import type { TicketEventPayload } from "@helpdesk/jobs/catalog";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SystemContext } from "../../context/service-context.ts";

/**
 * Everything the fan-out of one ticket event reads, in one statement (Drizzle's relational query,
 * which nests the related rows in the ticket's row): the ticket, the organization's active staff,
 * the ticket's followers, the event's message, and the e-mail choices (for this event type) of
 * everyone who could be a recipient. Undefined when the ticket is gone (or not this organization's).
 */
export async function loadFanOutFacts(ctx: Pick<SystemContext, "db">, event: TicketEventPayload) {
  const row = await runPrepared(ctx.db, "fan_out_facts", readFacts, {
    ticketId: event.ticketId,
    organizationId: event.organizationId,
    // No message: `id = null` matches nothing, in the same statement.
    messageId: event.messageId ?? null,
    type: event.type,
  });
  if (!row) return undefined;
  const { followers, messages, organization, customer, assignee, ...ticket } = row;
  const staff = organization.users;
  const choiceRows = [customer, assignee, ...staff].flatMap((user) => user?.notificationPreferences ?? []);
  return {
    // As every event spells times: ISO.
    ticket: { ...ticket, updatedAt: ticket.updatedAt.toISOString() },
    staff: staff.map(({ id, name, email, role }) => ({ id, name, email, role })),
    followers: followers.map((follower) => follower.userId),
    message: messages[0] ?? null,
    /** By user id: e-mail on or off for this event type, where the user has chosen. */
    emailChoices: new Map(choiceRows.map((choice) => [choice.userId, choice.email])),
  };
}

const readFacts = (db: Executor) => {
  const choices = {
    columns: { email: true, userId: true },
    where: eq(notificationPreferences.type, sql.placeholder("type")),
  } as const;
  return db.query.tickets.findFirst({
    columns: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      customerId: true,
      assigneeId: true,
      updatedAt: true,
    },
    where: and(
      eq(tickets.id, sql.placeholder("ticketId")),
      eq(tickets.organizationId, sql.placeholder("organizationId")),
    ),
    with: {
      followers: { columns: { userId: true } },
      messages: {
        columns: { authorId: true, internal: true, body: true },
        where: eq(ticketMessages.id, sql.placeholder("messageId")),
      },
      organization: {
        columns: { id: true },
        with: {
          users: {
            columns: { id: true, name: true, email: true, role: true },
            where: and(eq(users.active, true), inArray(users.role, ["agent", "admin"])),
            with: { notificationPreferences: choices },
          },
        },
      },
      customer: { columns: { id: true }, with: { notificationPreferences: choices } },
      assignee: { columns: { id: true }, with: { notificationPreferences: choices } },
    },
  });
};

export type FanOutFacts = NonNullable<Awaited<ReturnType<typeof loadFanOutFacts>>>;
