import type { Database } from "@helpdesk/db/client";
import { isoText } from "@helpdesk/db/iso-text";
import {
  type ExportParams,
  type ExportType,
  slaBreaches,
  ticketMessages,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { and, asc, count, eq, gte, lt, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";

/**
 * What each export type writes: its header and the select whose rows follow, in the header's order.
 * Rows are read through a cursor (`streamRows`), raw from the driver, so every column is selected
 * in the form it is written: timestamps as ISO 8601 UTC text.
 */
export interface ExportSource {
  header: readonly string[];
  select(
    db: Database,
    organizationId: string,
    params: ExportParams,
  ): { toSQL(): { sql: string; params: unknown[] } };
  count(db: Database, organizationId: string, params: ExportParams): Promise<number>;
}

const assignee = alias(users, "assignee");
const customer = alias(users, "customer");
const author = alias(users, "author");

/** The ticket filters every type shares: the ticket's status and priority, and its assignee. */
function ticketFilters(params: ExportParams, columns: { priority: PgColumn; assigneeId: PgColumn }): SQL[] {
  const { status, priority, assigneeId } = params.filters;
  const conditions: SQL[] = [];
  if (status) conditions.push(eq(tickets.status, status));
  if (priority) conditions.push(eq(columns.priority, priority));
  if (assigneeId) conditions.push(eq(columns.assigneeId, assigneeId));
  return conditions;
}

const period = (column: PgColumn, params: ExportParams) => [
  gte(column, new Date(params.from)),
  lt(column, new Date(params.to)),
];

const ticketWhere = (organizationId: string, params: ExportParams) =>
  and(
    eq(tickets.organizationId, organizationId),
    ...period(tickets.createdAt, params),
    ...ticketFilters(params, tickets),
  );

const ticketsSource: ExportSource = {
  header: [
    "number",
    "id",
    "subject",
    "status",
    "priority",
    "customer_name",
    "customer_email",
    "assignee_name",
    "sla_breached",
    "created_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
  ],
  select: (db, organizationId, params) =>
    db
      .select({
        number: tickets.number,
        id: tickets.id,
        subject: tickets.subject,
        status: tickets.status,
        priority: tickets.priority,
        customerName: customer.name,
        customerEmail: customer.email,
        assigneeName: assignee.name,
        slaBreached: tickets.slaBreached,
        createdAt: isoText(tickets.createdAt),
        firstResponseAt: isoText(tickets.firstResponseAt),
        resolvedAt: isoText(tickets.resolvedAt),
        closedAt: isoText(tickets.closedAt),
      })
      .from(tickets)
      .innerJoin(customer, eq(customer.id, tickets.customerId))
      .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
      .where(ticketWhere(organizationId, params))
      .orderBy(asc(tickets.createdAt), asc(tickets.id)),
  count: async (db, organizationId, params) => {
    const [row] = await db.select({ n: count() }).from(tickets).where(ticketWhere(organizationId, params));
    return row?.n ?? 0;
  },
};

const breachWhere = (organizationId: string, params: ExportParams) =>
  and(
    eq(slaBreaches.organizationId, organizationId),
    ...period(slaBreaches.breachedAt, params),
    ...ticketFilters(params, slaBreaches),
  );

const slaBreachesSource: ExportSource = {
  header: [
    "id",
    "ticket_number",
    "ticket_subject",
    "ticket_status",
    "target",
    "priority",
    "assignee_name",
    "due_at",
    "breached_at",
  ],
  select: (db, organizationId, params) =>
    db
      .select({
        id: slaBreaches.id,
        ticketNumber: tickets.number,
        ticketSubject: tickets.subject,
        ticketStatus: tickets.status,
        target: slaBreaches.target,
        priority: slaBreaches.priority,
        assigneeName: assignee.name,
        dueAt: isoText(slaBreaches.dueAt),
        breachedAt: isoText(slaBreaches.breachedAt),
      })
      .from(slaBreaches)
      .innerJoin(tickets, eq(tickets.id, slaBreaches.ticketId))
      .leftJoin(assignee, eq(assignee.id, slaBreaches.assigneeId))
      .where(breachWhere(organizationId, params))
      .orderBy(asc(slaBreaches.breachedAt), asc(slaBreaches.id)),
  count: async (db, organizationId, params) => {
    const [row] = await db
      .select({ n: count() })
      .from(slaBreaches)
      .innerJoin(tickets, eq(tickets.id, slaBreaches.ticketId))
      .where(breachWhere(organizationId, params));
    return row?.n ?? 0;
  },
};

const messageWhere = (organizationId: string, params: ExportParams) =>
  and(
    eq(ticketMessages.organizationId, organizationId),
    ...period(ticketMessages.createdAt, params),
    ...ticketFilters(params, tickets),
  );

/** Messages include internal notes, flagged: only agents and admins can ask for an export. */
const messagesSource: ExportSource = {
  header: [
    "id",
    "ticket_number",
    "ticket_subject",
    "author_name",
    "author_role",
    "internal",
    "body",
    "created_at",
  ],
  select: (db, organizationId, params) =>
    db
      .select({
        id: ticketMessages.id,
        ticketNumber: tickets.number,
        ticketSubject: tickets.subject,
        authorName: author.name,
        authorRole: author.role,
        internal: ticketMessages.internal,
        body: ticketMessages.body,
        createdAt: isoText(ticketMessages.createdAt),
      })
      .from(ticketMessages)
      .innerJoin(tickets, eq(tickets.id, ticketMessages.ticketId))
      .innerJoin(author, eq(author.id, ticketMessages.authorId))
      .where(messageWhere(organizationId, params))
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id)),
  count: async (db, organizationId, params) => {
    const [row] = await db
      .select({ n: count() })
      .from(ticketMessages)
      .innerJoin(tickets, eq(tickets.id, ticketMessages.ticketId))
      .where(messageWhere(organizationId, params));
    return row?.n ?? 0;
  },
};

export const exportSources: Record<ExportType, ExportSource> = {
  tickets: ticketsSource,
  sla_breaches: slaBreachesSource,
  messages: messagesSource,
};
