import { type SlaBusinessHours, type SlaPolicyTargets, ticketPriorities } from "@helpdesk/db/schema";
import { z } from "zod";
import { ianaZone, timeZoneInput } from "../../lib/time-zone.ts";
import { addBusinessTime, weekdays } from "./business-time.ts";

/**
 * What an admin may write as an SLA policy (docs/sla.md, "Policies"): every rule a schema can
 * express. Whether escalation users are staff of the organization needs the database
 * (check-escalation.ts); whether a target fits the business hours needs both, so a PATCH checks it
 * against the stored policy (`unreachableTarget`).
 */

/** A year: anything longer is a typo, not a service level. */
export const MAX_TARGET_MINUTES = 525_600;
export const MAX_ESCALATION_USERS = 20;
const MAX_INTERVALS_PER_DAY = 24;
const MAX_HOLIDAYS = 1_000;

const minutes = z
  .number()
  .int("must be whole minutes")
  .min(1, "must be at least 1 minute")
  .max(MAX_TARGET_MINUTES, `must be at most ${MAX_TARGET_MINUTES} minutes (a year)`);
const targetMinutes = z
  .object({
    firstResponseMinutes: minutes.optional(),
    nextResponseMinutes: minutes.optional(),
    resolutionMinutes: minutes.optional(),
  })
  .strict();
/** A priority or a target left out has no SLA. */
const targets = z.partialRecord(z.enum(ticketPriorities), targetMinutes);

const startTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM from 00:00 to 23:59");
const endTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a time HH:MM from 00:00 to 24:00");
const interval = z.object({ start: startTime, end: endTime }).strict();

const businessHours = z
  .object({
    timezone: timeZoneInput,
    /** A weekday left out is closed. */
    weekly: z.partialRecord(z.enum(weekdays), z.array(interval).max(MAX_INTERVALS_PER_DAY)),
    holidays: z.array(z.iso.date()).max(MAX_HOLIDAYS).default([]),
  })
  .strict()
  .superRefine((hours, ctx) => {
    for (const day of weekdays) {
      const intervals = hours.weekly[day] ?? [];
      intervals.forEach(({ start, end }, i) => {
        if (end <= start)
          ctx.addIssue({ code: "custom", path: ["weekly", day, i, "end"], message: "must be after start" });
      });
      const ordered = intervals
        .map((value, i) => ({ ...value, i }))
        .filter(({ start, end }) => start < end)
        .sort((a, b) => a.start.localeCompare(b.start));
      // Against the interval reaching furthest so far, so one long interval catches every one inside it.
      let reach: (typeof ordered)[number] | undefined;
      for (const current of ordered) {
        if (reach && current.start < reach.end) {
          ctx.addIssue({
            code: "custom",
            path: ["weekly", day, current.i],
            message: `overlaps ${reach.start}–${reach.end}`,
          });
        }
        if (!reach || current.end > reach.end) reach = current;
      }
    }
    // Intervals given but all invalid already have their own issues.
    if (!weekdays.some((day) => (hours.weekly[day]?.length ?? 0) > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["weekly"],
        message: "has no open hours, so no deadline could ever fall due",
      });
    }
    duplicates(hours.holidays).forEach((i) => {
      ctx.addIssue({ code: "custom", path: ["holidays", i], message: "is listed twice" });
    });
  });

const escalation = z
  .object({
    /** Staff told of a breach besides the assignee and the admins. */
    notifyUserIds: z
      .array(z.uuid())
      .max(MAX_ESCALATION_USERS)
      .default([])
      .superRefine((ids, ctx) => {
        for (const i of duplicates(ids))
          ctx.addIssue({ code: "custom", path: [i], message: "is listed twice" });
      }),
    /** Who a breached ticket is reassigned to; null: nobody. */
    reassignToId: z.uuid().nullable().default(null),
  })
  .strict();

const policyName = z.string().trim().min(1).max(100);

export const createPolicyInput = z
  .object({
    name: policyName,
    isDefault: z.boolean().default(false),
    targets,
    /** Null: the clock runs around the clock. */
    businessHours: businessHours.nullable().default(null),
    escalation: escalation.default({ notifyUserIds: [], reassignToId: null }),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const target = unreachableTarget(policy.targets, policy.businessHours);
    if (target) ctx.addIssue({ code: "custom", path: target.path, message: target.message });
  });

/** Any subset of the fields; `targets`, `businessHours` and `escalation` each replace the stored one whole. */
export const updatePolicyInput = z
  .object({
    name: policyName.optional(),
    isDefault: z.boolean().optional(),
    targets: targets.optional(),
    businessHours: businessHours.nullable().optional(),
    escalation: escalation.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { error: "give at least one field to change" });

export type CreatePolicyInput = z.output<typeof createPolicyInput>;
export type UpdatePolicyInput = z.output<typeof updatePolicyInput>;

/**
 * The longest target, if the business hours can't place its deadline: the deadline search
 * (business-time.ts) looks a bounded time ahead, and a sparse calendar (an hour a week) can't reach
 * a long target within it. Checked from now, with a margin of a day's opening per holiday (any of
 * them may fall inside a ticket's window) and one more for daylight-saving changes.
 */
export function unreachableTarget(
  policyTargets: SlaPolicyTargets,
  hours: SlaBusinessHours | null,
): { path: string[]; message: string } | undefined {
  if (!hours || ianaZone(hours.timezone) === undefined) return undefined;
  let longest: { path: string[]; minutes: number } | undefined;
  for (const priority of ticketPriorities) {
    for (const [key, value] of Object.entries(policyTargets[priority] ?? {})) {
      if (value !== undefined && value > (longest?.minutes ?? 0))
        longest = { path: [priority, key], minutes: value };
    }
  }
  const longestDay = Math.max(
    0,
    ...weekdays.map((day) =>
      (hours.weekly[day] ?? []).reduce((sum, { start, end }) => sum + minutesBetween(start, end), 0),
    ),
  );
  if (!longest || longestDay === 0) return undefined;
  const margin = (hours.holidays.length + 1) * longestDay;
  try {
    addBusinessTime({ ...hours, holidays: [] }, new Date(), (longest.minutes + margin) * 60, []);
    return undefined;
  } catch {
    return {
      path: ["targets", ...longest.path],
      message: "is more business time than the business hours open within the deadline search's horizon",
    };
  }
}

/** Minutes from one `HH:MM` to a later one; 0 when `end` is not after `start`. */
function minutesBetween(start: string, end: string): number {
  const at = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return Math.max(0, at(end) - at(start));
}

/** The index of every value seen before in the list. */
function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => {
    if (seen.has(value)) return [i];
    seen.add(value);
    return [];
  });
}
