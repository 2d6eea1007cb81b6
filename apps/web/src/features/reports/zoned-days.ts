/**
 * Calendar days in the organization's time zone, as `YYYY-MM-DD`, and the instants where they
 * start: the API takes instants, people pick days, and a day starts at local midnight.
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** The day an instant falls on in the zone. */
export function dayOf(instant: Date | number, timeZone = "UTC"): string {
  // en-CA writes dates as YYYY-MM-DD.
  return cached(dayFormats, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instant: number, timeZone: string) {
  const parts = cached(wallFormats, timeZone, {
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the day starts in the zone. */
export function startOfDay(day: string, timeZone = "UTC"): Date {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  const wall = Date.UTC(year, month - 1, date);
  // Twice: the offset at the first guess may differ from the one at local midnight (a DST change).
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone));
}

export function addDays(day: string, days: number): string {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

export const isDay = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * A period of whole days, `to` included, as the API's instants (`to` exclusive: the start of the
 * day after).
 */
export function periodOfDays(from: string, to: string, timeZone: string | undefined) {
  return {
    from: startOfDay(from, timeZone).toISOString(),
    to: startOfDay(addDays(to, 1), timeZone).toISOString(),
  };
}
