import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import type { TicketPriority } from "./tickets.ts";

export const slaTargets = ["first_response", "next_response", "resolution"] as const;
export type SlaTarget = (typeof slaTargets)[number];

/** Minutes of business time per target; a target left out has no SLA. */
export interface SlaTargetMinutes {
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
}

/** Per priority; a priority left out has no SLA. */
export type SlaPolicyTargets = Partial<Record<TicketPriority, SlaTargetMinutes>>;

export interface SlaBusinessHours {
  timezone: string;
  weekly: Partial<
    Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", { start: string; end: string }[]>
  >;
  holidays: string[];
}

export interface SlaEscalation {
  /** Staff told of a breach besides the assignee and the admins. */
  notifyUserIds: string[];
  /** Who a breached ticket is reassigned to, if anyone. */
  reassignToId: string | null;
}

/**
 * An organization's service levels: per priority, how long a first response, each next response
 * and a resolution may take, in business time (docs/sla.md). One default per organization, which
 * a new ticket gets unless staff give it another.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    organizationId: organizationId(),
    name: text().notNull(),
    isDefault: boolean().notNull().default(false),
    targets: jsonb().$type<SlaPolicyTargets>().notNull(),
    /** Null: the clock runs around the clock. */
    businessHours: jsonb().$type<SlaBusinessHours>(),
    escalation: jsonb().$type<SlaEscalation>().notNull(),
    ...timestamps(),
  },
  (t) => [
    // One default per organization: setting another moves it (in one transaction).
    uniqueIndex("sla_policies_one_default").on(t.organizationId).where(sql`${t.isDefault}`),
    index("sla_policies_org_created_idx").on(t.organizationId, t.createdAt.desc(), t.id.desc()),
  ],
);

export type SlaPolicy = typeof slaPolicies.$inferSelect;
