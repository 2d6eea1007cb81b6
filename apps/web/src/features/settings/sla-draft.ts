import type { paths } from "../../api/schema.gen.ts";
import { type Weekday, weekdays } from "./use-week.ts";

export type PolicyBody = paths["/api/v1/sla-policies"]["post"]["requestBody"]["content"]["application/json"];
export type Policy =
  paths["/api/v1/sla-policies/{id}"]["get"]["responses"][200]["content"]["application/json"];

export const priorities = ["urgent", "high", "normal", "low"] as const;
export type Priority = (typeof priorities)[number];
export const targetKeys = ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"] as const;
export type TargetKey = (typeof targetKeys)[number];

/** An open interval as the form holds it: `key` follows it through edits and removals of others. */
export interface Interval {
  key: number;
  start: string;
  end: string;
}

let lastKey = 0;
export const newInterval = (start: string, end: string): Interval => ({ key: ++lastKey, start, end });

/** A policy as the form edits it: inputs hold text, and the business hours survive being switched off. */
export interface Draft {
  name: string;
  isDefault: boolean;
  targets: Record<Priority, Record<TargetKey, string>>;
  hoursOn: boolean;
  timezone: string;
  weekly: Record<Weekday, Interval[]>;
  holidays: string[];
  notifyUserIds: string[];
  reassignToId: string;
}

const officeHours = (): Interval[] => [newInterval("09:00", "17:00")];

export function toDraft(policy: Policy | undefined, organizationZone: string): Draft {
  const hours = policy?.businessHours;
  const targets = Object.fromEntries(
    priorities.map((priority) => [
      priority,
      Object.fromEntries(
        targetKeys.map((key) => [key, String(policy?.targets[priority]?.[key] ?? "")]),
      ) as Record<TargetKey, string>,
    ]),
  ) as Draft["targets"];
  const weekly = Object.fromEntries(
    weekdays.map((day) => [
      day,
      hours
        ? (hours.weekly[day] ?? []).map(({ start, end }) => newInterval(start, end))
        : ["sat", "sun"].includes(day)
          ? []
          : officeHours(),
    ]),
  ) as Draft["weekly"];
  return {
    name: policy?.name ?? "",
    isDefault: policy?.isDefault ?? false,
    targets,
    // A new policy starts with office hours, the common case; an existing one as it is stored.
    hoursOn: policy ? hours !== null : true,
    timezone: hours?.timezone ?? organizationZone,
    weekly,
    holidays: [...(hours?.holidays ?? [])],
    notifyUserIds: [...(policy?.escalation.notifyUserIds ?? [])],
    reassignToId: policy?.escalation.reassignToId ?? "",
  };
}

/**
 * The body the API reads. Indexes are kept as the form shows them (intervals, holidays, users), so
 * an error the API names by path (`businessHours.weekly.mon.1`) lands on the right input.
 */
export function toBody(draft: Draft): PolicyBody {
  const targets: PolicyBody["targets"] = {};
  for (const priority of priorities) {
    const set = targetKeys.filter((key) => draft.targets[priority][key].trim() !== "");
    if (set.length === 0) continue;
    targets[priority] = Object.fromEntries(set.map((key) => [key, Number(draft.targets[priority][key])]));
  }
  return {
    name: draft.name.trim(),
    isDefault: draft.isDefault,
    targets,
    businessHours: draft.hoursOn
      ? {
          timezone: draft.timezone,
          weekly: Object.fromEntries(
            weekdays.map((day) => [day, draft.weekly[day].map(({ start, end }) => ({ start, end }))]),
          ),
          holidays: draft.holidays,
        }
      : null,
    escalation: { notifyUserIds: draft.notifyUserIds, reassignToId: draft.reassignToId || null },
  };
}

/** Paths of the API's field errors that the form shows under an input; others go on top. */
export const shownField = (path: string) =>
  /^(name|isDefault|targets\.\w+\.\w+|businessHours\.(timezone|weekly(\.\w+(\.\d+(\.(start|end))?)?)?|holidays(\.\d+)?)|escalation\.(notifyUserIds(\.\d+)?|reassignToId))$/.test(
    path,
  );
