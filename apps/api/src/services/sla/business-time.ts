/**
 * Business time: the pure arithmetic every SLA deadline comes from. A calendar says when an
 * organization is open (per weekday, in its own timezone, minus holidays); null means always open.
 * Pauses (a ticket waiting on its customer) don't count either. Nothing here reads a clock or the
 * database, so the rules can be tested on their own (business-time.test.ts, property tests).
 */

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** `HH:MM`, 24-hour, local to the calendar's timezone; an interval's end may be `24:00`. */
export interface OpenInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. `Europe/Paris`. */
  timezone: string;
  /** A weekday left out is closed. */
  weekly: Partial<Record<Weekday, readonly OpenInterval[]>>;
  /** Closed all day, as local dates (`YYYY-MM-DD`). */
  holidays: readonly string[];
}

/** A span during which the clock stops; `to` null while it lasts. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** How far ahead a deadline is looked for before the calendar is judged to never open. */
const HORIZON_DAYS = 3 * 366;

/**
 * When `seconds` of business time have passed since `start`, not counting `pauses`; null while a
 * pause that began before then still lasts (the deadline is not known until it ends).
 */
export function addBusinessTime(
  calendar: BusinessCalendar | null,
  start: Date,
  seconds: number,
  pauses: readonly Pause[],
): Date | null {
  let left = seconds * 1000;
  for (const [from, to] of countedSpans(calendar, start.getTime(), pauses)) {
    if (to === null) return null;
    if (to - from >= left) return new Date(from + left);
    left -= to - from;
  }
  throw new Error("the calendar never opens");
}

/** Whole business seconds between `from` and `to` (0 if `to` is not after `from`), without `pauses`. */
export function businessSecondsBetween(
  calendar: BusinessCalendar | null,
  from: Date,
  to: Date,
  pauses: readonly Pause[],
): number {
  return Math.floor(businessMillisecondsBetween(calendar, from, to, pauses) / 1000);
}

export function businessMillisecondsBetween(
  calendar: BusinessCalendar | null,
  from: Date,
  to: Date,
  pauses: readonly Pause[],
): number {
  const end = to.getTime();
  let total = 0;
  for (const [a, b] of countedSpans(calendar, from.getTime(), pauses)) {
    if (a >= end || b === null) break;
    total += Math.min(b, end) - a;
    if (b >= end) break;
  }
  return Math.max(0, total);
}

/**
 * The spans of time that count, in order, from `from` on: the calendar's open spans minus the
 * pauses. A pause still running ends it with `[its start, null]`: from there on, nothing counts yet.
 */
function* countedSpans(
  calendar: BusinessCalendar | null,
  from: number,
  pauses: readonly Pause[],
): Generator<[number, number | null]> {
  const stops = normalise(pauses);
  for (const [openFrom, openTo] of openSpans(calendar, from)) {
    let cursor = openFrom;
    for (const [pauseFrom, pauseTo] of stops) {
      if (pauseTo !== null && pauseTo <= cursor) continue;
      if (pauseFrom >= openTo) break;
      if (pauseFrom > cursor) yield [cursor, pauseFrom];
      if (pauseTo === null) {
        yield [Math.max(cursor, pauseFrom), null];
        return;
      }
      cursor = Math.max(cursor, pauseTo);
      if (cursor >= openTo) break;
    }
    if (cursor < openTo) yield [cursor, openTo];
  }
}

/** Pauses sorted and merged, as [from, to|null] in ms. */
function normalise(pauses: readonly Pause[]): [number, number | null][] {
  const sorted = pauses
    .map((pause): [number, number | null] => [pause.from.getTime(), pause.to?.getTime() ?? null])
    .filter(([a, b]) => b === null || b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number | null][] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && (last[1] === null || a <= last[1])) {
      last[1] = last[1] === null || b === null ? null : Math.max(last[1], b);
    } else {
      merged.push([a, b]);
    }
  }
  return merged;
}

/** The calendar's open spans from `from` on, in ms, in order; one endless span when always open. */
function* openSpans(calendar: BusinessCalendar | null, from: number): Generator<[number, number]> {
  if (!calendar) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  const holidays = new Set(calendar.holidays);
  // From the local day before, so an interval of yesterday that ends after `from` is not missed.
  let day = Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO(calendar.timezone)
    .toPlainDate()
    .subtract({ days: 1 });
  for (let n = 0; n < HORIZON_DAYS; n++, day = day.add({ days: 1 })) {
    if (holidays.has(day.toString())) continue;
    const intervals = calendar.weekly[weekdays[day.dayOfWeek - 1] as Weekday] ?? [];
    for (const interval of [...intervals].sort((a, b) => a.start.localeCompare(b.start))) {
      const start = instantAt(day, interval.start, calendar.timezone);
      const end = instantAt(day, interval.end, calendar.timezone);
      if (end > from && end > start) yield [Math.max(start, from), end];
    }
  }
}

/** The instant of a local wall time; a time skipped by a DST change counts as the time after it. */
function instantAt(day: Temporal.PlainDate, time: string, timezone: string): number {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const date = hour === 24 ? day.add({ days: 1 }) : day;
  return date
    .toZonedDateTime({ timeZone: timezone, plainTime: new Temporal.PlainTime(hour % 24, minute) })
    .toInstant().epochMilliseconds;
}
