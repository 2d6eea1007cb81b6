import { type Weekday, weekdays } from "@helpdesk/db/schema";
import { ISO_WEEK } from "@helpdesk/jobs/catalog";

/**
 * Calendar arithmetic in an organization's IANA zone, through Temporal: local days are 23 or 25
 * hours long across a daylight-saving change, and some zones start a day at 01:00 when the change
 * falls at midnight, so a day or a week is always turned into instants by the zone's own rules.
 */

/** Where the organization's clock stands at an instant. */
export interface LocalMoment {
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string;
  hour: number;
  weekday: Weekday;
}

export interface InstantRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export function localMoment(at: Date, timeZone: string): LocalMoment {
  const zoned = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  return { date: zoned.toPlainDate().toString(), hour: zoned.hour, weekday: weekdayOf(zoned.toPlainDate()) };
}

/** `days` local days from the start of `date` to the start of the day after the last. */
export function localDaysRange(date: string, timeZone: string, days = 1): InstantRange {
  const first = Temporal.PlainDate.from(date);
  return { from: startOfDay(first, timeZone), to: startOfDay(first.add({ days }), timeZone) };
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function weekdayOf(date: Temporal.PlainDate | string): Weekday {
  const day = typeof date === "string" ? Temporal.PlainDate.from(date) : date;
  return weekdays[day.dayOfWeek - 1] as Weekday;
}

/** The ISO 8601 week a date falls in (`2026-W49`): weeks start on Monday; week 1 holds 4 January. */
export function isoWeekOf(date: string): string {
  const day = Temporal.PlainDate.from(date);
  return `${day.yearOfWeek}-W${String(day.weekOfYear).padStart(2, "0")}`;
}

/** The Monday of an ISO week, or undefined for a malformed week or one the year does not have (W53). */
export function mondayOfIsoWeek(week: string): string | undefined {
  const match = ISO_WEEK.exec(week);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (year < 1 || number < 1 || number > 53) return undefined;
  const fourth = Temporal.PlainDate.from({ year, month: 1, day: 4 });
  const monday = fourth.subtract({ days: fourth.dayOfWeek - 1 }).add({ weeks: number - 1 });
  return monday.weekOfYear === number && monday.yearOfWeek === year ? monday.toString() : undefined;
}

/** The first instant of a local day (after the gap, when the zone skips midnight). */
const startOfDay = (day: Temporal.PlainDate, timeZone: string) =>
  new Date(day.toZonedDateTime(timeZone).epochMilliseconds);
