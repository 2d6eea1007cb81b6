import type { Locale } from "./locale.ts";

/**
 * Dates are shown in UTC, with the zone named: the worker that renders an e-mail does not know the
 * recipient's time zone, and an unlabelled time would be read as local.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD), read as that day in UTC so it never shifts by one. */
export function formatDay(day: string, locale: Locale, options: { weekday?: boolean } = {}): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: options.weekday ? "long" : undefined,
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Response times: minutes up to two hours, then hours with one decimal ("3.5 hours", "3,5 heures"). */
export function formatMinutes(minutes: number, locale: Locale): string {
  const inHours = minutes >= 120;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: inHours ? "hour" : "minute",
    unitDisplay: "long",
    maximumFractionDigits: inHours ? 1 : 0,
  }).format(inHours ? minutes / 60 : minutes);
}

/**
 * Ticket subjects and customer names are typed by users; a line break in a subject header would at
 * best be mangled by the provider, so subject lines fold all whitespace into single spaces.
 */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
