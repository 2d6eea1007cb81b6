import { ticketPriorities } from "@helpdesk/db/schema";
import { z } from "zod";
import { isoDate } from "./common.ts";

const targetFigures = z.object({
  /** Distinct tickets with a run of the target whose deadline falls in the period. */
  tickets: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  /** Percent, one decimal: met / (met + breached); null when both are 0. */
  compliance: z.number().nullable(),
});

/** Business seconds to meet the target, over the runs met in the period; null when none was. */
const metSeconds = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

export const groupFigures = {
  targets: z.object({
    firstResponse: targetFigures,
    nextResponse: targetFigures,
    resolution: targetFigures,
  }),
  firstResponseSeconds: metSeconds,
  resolutionSeconds: metSeconds,
};

/** SLA compliance over a period (docs/sla-report.md); a group appears once it has a run. */
export const slaReportSchema = z.object({
  from: isoDate,
  to: isoDate,
  byPriority: z.array(z.object({ priority: z.enum(ticketPriorities), ...groupFigures })),
  /** Per assignee of the run; `agentId` null: runs nobody was assigned. */
  byAgent: z.array(
    z.object({ agentId: z.uuid().nullable(), agentName: z.string().nullable(), ...groupFigures }),
  ),
});
