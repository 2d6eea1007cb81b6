import { ticketPriorities, ticketStatuses } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";
import { groupFigures } from "./sla-report.ts";

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<K, z.ZodNumber>);

/** One organization's ISO week (docs/automations.md, "Weekly report"). */
export const weeklyReportSchema = z.object({
  week: z.string(),
  /** The organization's zone: the week runs from Monday 00:00 to Monday 00:00 there. */
  timeZone: z.string(),
  from: isoDate,
  to: isoDate,
  volume: z.object({
    created: z.number().int(),
    resolved: z.number().int(),
    /** Tickets created in the week, by their status now. */
    byStatus: counts(ticketStatuses),
    /** Tickets created in the week, by priority. */
    byPriority: counts(ticketPriorities),
  }),
  /** SLA runs whose deadline fell in the week, as in the SLA report. */
  sla: z.object(groupFigures),
  agents: z.array(
    z.object({ agentId: z.uuid(), agentName: z.string(), resolved: z.number().int(), ...groupFigures }),
  ),
});
