import type { DigestSettings, WeeklyReportSettings } from "@helpdesk/db/schema";
import {
  addDays,
  type InstantRange,
  isoWeekOf,
  localDaysRange,
  localMoment,
  mondayOfIsoWeek,
  weekdayOf,
} from "./local-time.ts";

/**
 * Which occurrence of an organization's digest or weekly report is due at an instant, and what it
 * covers. Pure: the scheduler, the jobs and "run now" all name occurrences through these, so the
 * same instant always gives the same period (the once-only key of `scheduled_runs`).
 */

/** One occurrence: its key (a local date or an ISO week) and the instants it reports on. */
export interface Occurrence extends InstantRange {
  period: string;
}

/**
 * The digest due at `now`, or null. Due from `hour` until the end of the local day, so a tick that
 * was missed (workers down, an hour skipped by daylight saving time) is caught up the same day;
 * `scheduled_runs` keeps the later ticks from sending it again.
 */
export function dueDigest(now: Date, timeZone: string, settings: DigestSettings): Occurrence | null {
  if (!settings.enabled) return null;
  const local = localMoment(now, timeZone);
  if (local.hour < settings.hour) return null;
  if (settings.weekdaysOnly && (local.weekday === "sat" || local.weekday === "sun")) return null;
  return digestPeriod(addDays(local.date, -1), timeZone, settings);
}

/** The digest that `now`'s local day sends, whatever the hour (run now). */
export function currentDigest(now: Date, timeZone: string, settings: Pick<DigestSettings, "weekdaysOnly">) {
  return digestPeriod(addDays(localMoment(now, timeZone).date, -1), timeZone, settings);
}

/**
 * What the digest of `period` (the local day before it is sent) covers: that day; on weekdays
 * only, Monday's digest (period Sunday) covers Friday to Sunday, since no digest went out on the
 * weekend.
 */
export function digestPeriod(
  period: string,
  timeZone: string,
  settings: Pick<DigestSettings, "weekdaysOnly">,
): Occurrence {
  const days = settings.weekdaysOnly && weekdayOf(period) === "sun" ? 3 : 1;
  return { period, ...localDaysRange(addDays(period, 1 - days), timeZone, days) };
}

/** The weekly report due at `now` (its weekday, from its hour to the end of that local day), or null. */
export function dueWeeklyReport(
  now: Date,
  timeZone: string,
  settings: WeeklyReportSettings,
): Occurrence | null {
  if (!settings.enabled) return null;
  const local = localMoment(now, timeZone);
  if (local.weekday !== settings.weekday || local.hour < settings.hour) return null;
  return weekPeriod(lastCompleteWeek(now, timeZone), timeZone);
}

/** The last ISO week wholly before `now`'s local day. */
export function lastCompleteWeek(now: Date, timeZone: string): string {
  return isoWeekOf(addDays(localMoment(now, timeZone).date, -7));
}

/** An ISO week (`2026-W49`) from its Monday 00:00 to the next Monday 00:00 local time; null if malformed. */
export function weekPeriod(week: string, timeZone: string): Occurrence | null {
  const monday = mondayOfIsoWeek(week);
  return monday ? { period: week, ...localDaysRange(monday, timeZone, 7) } : null;
}
