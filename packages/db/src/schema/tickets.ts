import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs, timestamps } from "./columns.ts";
import { organizationId, organizations } from "./organizations.ts";
import { slaPolicies } from "./sla-policies.ts";
import { ticketFollowers } from "./ticket-followers.ts";
import { ticketMessages } from "./ticket-messages.ts";
import { users } from "./users.ts";

export const ticketStatuses = ["new", "open", "pending", "resolved", "closed"] as const;
export const ticketStatus = pgEnum("ticket_status", ticketStatuses);
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export const ticketPriority = pgEnum("ticket_priority", ticketPriorities);
export type TicketPriority = (typeof ticketPriorities)[number];

export const tickets = pgTable(
  "tickets",
  {
    id: id(),
    organizationId: organizationId(),
    /** Human-facing number, sequential per organization (see organizations.ticketCounter). */
    number: integer().notNull(),
    subject: text().notNull(),
    status: ticketStatus().notNull().default("new"),
    priority: ticketPriority().notNull().default("normal"),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    assigneeId: uuid().references(() => users.id),
    firstResponseAt: timestampMs(),
    resolvedAt: timestampMs(),
    closedAt: timestampMs(),
    closedReason: text(),
    /** The SLA policy the ticket runs under; null: none. */
    slaPolicyId: uuid().references(() => slaPolicies.id, { onDelete: "set null" }),
    /**
     * Set by a write that may move its SLA clocks, cleared by the SLA sync once they and their
     * timers are up to date; the scan finds a sync that never ran.
     */
    slaDirty: boolean().notNull().default(false),
    /** The nearest running deadline, its 80% mark, and whether a target is breached: lists filter on them. */
    slaNextDueAt: timestampMs(),
    slaNextWarnAt: timestampMs(),
    slaBreached: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("tickets_org_number_unique").on(t.organizationId, t.number),
    // The list route pages by (created_at, id) descending within one organization, optionally filtered.
    index("tickets_org_created_idx").on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index("tickets_org_status_created_idx").on(t.organizationId, t.status, t.createdAt.desc(), t.id.desc()),
    index("tickets_org_assignee_created_idx").on(
      t.organizationId,
      t.assigneeId,
      t.createdAt.desc(),
      t.id.desc(),
    ),
    index("tickets_org_customer_created_idx").on(
      t.organizationId,
      t.customerId,
      t.createdAt.desc(),
      t.id.desc(),
    ),
    // The auto-close scan: resolved tickets by age. Partial, since most tickets are not resolved.
    index("tickets_resolved_at_idx").on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
    // Retention: closed tickets by age, per organization.
    index("tickets_org_closed_at_idx").on(t.organizationId, t.closedAt).where(sql`${t.status} = 'closed'`),
    // The SLA sync's safety net: tickets whose clocks were not brought up to date.
    index("tickets_sla_dirty_idx").on(t.updatedAt).where(sql`${t.slaDirty}`),
    // "About to breach" and "breached" lists, nearest deadline first.
    index("tickets_org_sla_next_due_idx")
      .on(t.organizationId, t.slaNextDueAt, t.id)
      .where(sql`${t.slaNextDueAt} is not null`),
    // `q` is a substring search on the subject: a trigram index keeps ILIKE '%…%' off a sequential scan.
    index("tickets_subject_trgm_idx").using("gin", sql`${t.subject} gin_trgm_ops`),
  ],
);

export type Ticket = typeof tickets.$inferSelect;
export type NewTicketSeed = typeof tickets.$inferInsert;

export const ticketsRelations = relations(tickets, ({ one, many }) => ({
  organization: one(organizations, { fields: [tickets.organizationId], references: [organizations.id] }),
  customer: one(users, { fields: [tickets.customerId], references: [users.id] }),
  assignee: one(users, { fields: [tickets.assigneeId], references: [users.id] }),
  messages: many(ticketMessages),
  followers: many(ticketFollowers),
}));
