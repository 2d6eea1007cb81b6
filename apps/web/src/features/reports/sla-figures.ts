import type { paths } from "../../api/schema.gen.ts";

export type SlaReport = paths["/api/v1/reports/sla"]["get"]["responses"][200]["content"]["application/json"];
export type WeeklyReport =
  paths["/api/v1/reports/weekly"]["get"]["responses"][200]["content"]["application/json"];

/** One group's SLA figures (a priority, an agent, a whole week): the SLA report's shape. */
export type GroupFigures = Pick<
  SlaReport["byPriority"][number],
  "targets" | "firstResponseSeconds" | "resolutionSeconds"
>;

export const targets = ["firstResponse", "nextResponse", "resolution"] as const;

/** One row of a figures table or chart: a group and its name for people. */
export interface FiguresRow {
  key: string;
  label: string;
  figures: GroupFigures;
}
