import { index, pgTable, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import { ticketStatus, tickets } from "./tickets.ts";

/**
 * Every status a ticket moved to, and when: the SLA clocks pause while a ticket is pending and
 * restart when it is reopened, and they are derived from this history.
 */
export const ticketStatusChanges = pgTable(
  "ticket_status_changes",
  {
    id: id(),
    organizationId: organizationId(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    fromStatus: ticketStatus().notNull(),
    toStatus: ticketStatus().notNull(),
    changedAt: timestampMs().notNull().defaultNow(),
  },
  (t) => [
    index("ticket_status_changes_ticket_idx").on(t.ticketId, t.changedAt),
    // Digests and weekly reports count an organization's changes in a period.
    index("ticket_status_changes_org_changed_idx").on(t.organizationId, t.changedAt, t.toStatus),
  ],
);
