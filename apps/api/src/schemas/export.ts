import { exportStatuses, exportTypes } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

/** An export as the API shows it (docs/exports.md). */
export const exportSchema = z.object({
  id: z.uuid(),
  type: z.enum(exportTypes),
  status: z.enum(exportStatuses),
  /** 0–100. */
  progress: z.number().int(),
  /** Set once ready. */
  rowCount: z.number().int().nullable(),
  params: z.object({
    from: z.string(),
    to: z.string(),
    filters: z.object({
      status: z.string().optional(),
      priority: z.string().optional(),
      assigneeId: z.string().optional(),
    }),
  }),
  /** Why it failed, in words for the requester. */
  error: z.string().nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
  /** When the file is deleted. */
  expiresAt: isoDate.nullable(),
  /** Ready exports only: a signed link, valid for an hour; fetch the export again for a fresh one. */
  downloadUrl: z.string().nullable(),
});

export const exportRequestedSchema = z.object({ id: z.uuid(), status: z.literal("queued") });
