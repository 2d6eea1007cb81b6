import { bigint, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, timestampMs } from "./columns.ts";
import { organizationId } from "./organizations.ts";
import type { TicketPriority, TicketStatus } from "./tickets.ts";
import { users } from "./users.ts";

export const exportTypes = ["tickets", "sla_breaches", "messages"] as const;
export type ExportType = (typeof exportTypes)[number];
export const exportStatuses = ["queued", "running", "ready", "failed", "expired"] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/** What was asked for: the period (by creation time) and the optional filters. */
export interface ExportParams {
  from: string;
  to: string;
  filters: { status?: TicketStatus; priority?: TicketPriority; assigneeId?: string };
}

/** One CSV export: its request, its progress while the `reports.export` job runs, and its file. */
export const reportExports = pgTable(
  "report_exports",
  {
    id: id(),
    organizationId: organizationId(),
    requesterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<ExportType>().notNull(),
    status: text().$type<ExportStatus>().notNull().default("queued"),
    params: jsonb().$type<ExportParams>().notNull(),
    /** 0–100, written as the job goes. */
    progress: integer().notNull().default(0),
    rowCount: integer(),
    byteSize: bigint({ mode: "number" }),
    /** Where the file lives in the export storage (a relative path or an S3 key). */
    storageKey: text(),
    error: text(),
    createdAt: timestampMs().notNull().defaultNow(),
    finishedAt: timestampMs(),
    /** The file is removed after this; the row some days later. */
    expiresAt: timestampMs(),
  },
  (t) => [
    index("report_exports_org_created_idx").on(t.organizationId, t.createdAt.desc(), t.id.desc()),
    index("report_exports_requester_created_idx").on(t.requesterId, t.createdAt.desc(), t.id.desc()),
    index("report_exports_expires_idx").on(t.expiresAt),
  ],
);

export type ReportExport = typeof reportExports.$inferSelect;
