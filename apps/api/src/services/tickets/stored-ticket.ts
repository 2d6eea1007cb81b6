import { type Ticket, ticketPriorities, ticketStatuses } from "@helpdesk/db/schema";
import { z } from "zod";
import { jsonbTimestamp } from "../../lib/jsonb-timestamp.ts";

/**
 * A ticket row as `to_jsonb(row)` spells it, read back as the `Ticket` drizzle's builder returns:
 * for the single-statement writes (a CTE's RETURNING goes through raw SQL, whose rows are untyped,
 * and jsonb decodes the same way on both database drivers).
 */
export const storedTicket = z
  .object({
    id: z.string(),
    organization_id: z.string(),
    number: z.number().int(),
    subject: z.string(),
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    customer_id: z.string(),
    assignee_id: z.string().nullable(),
    first_response_at: jsonbTimestamp.nullable(),
    resolved_at: jsonbTimestamp.nullable(),
    closed_at: jsonbTimestamp.nullable(),
    closed_reason: z.string().nullable(),
    created_at: jsonbTimestamp,
    updated_at: jsonbTimestamp,
  })
  .transform(
    (row): Ticket => ({
      id: row.id,
      organizationId: row.organization_id,
      number: row.number,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      customerId: row.customer_id,
      assigneeId: row.assignee_id,
      firstResponseAt: row.first_response_at,
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
      closedReason: row.closed_reason,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  );
