import { addDays, dayOf, isDay, periodOfDays } from "./zoned-days.ts";

const DEFAULT_DAYS = 30;

/**
 * The SLA report's period from the page's address. `from` and `to` are days in the organization's
 * zone, `to` included (what the form writes); an ISO instant is taken as the API's own bound
 * (`to` excluded), so a link may name exact instants. Without them: the last 30 days.
 */
export function slaPeriod(search: { from?: string | undefined; to?: string | undefined }, timeZone: string) {
  const today = dayOf(Date.now(), timeZone);
  const fromDay = dayFromBound(search.from, timeZone, 0) ?? addDays(today, 1 - DEFAULT_DAYS);
  const toDay = dayFromBound(search.to, timeZone, -1) ?? today;
  const days = periodOfDays(fromDay, toDay, timeZone);
  return {
    fromDay,
    toDay,
    query: {
      from: search.from && !isDay(search.from) ? search.from : days.from,
      to: search.to && !isDay(search.to) ? search.to : days.to,
    },
  };
}

/** The day a bound names; an exclusive instant (`to`) names the day of the instant just before it. */
function dayFromBound(value: string | undefined, timeZone: string, shiftMs: number) {
  if (value === undefined || isDay(value)) return value;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : dayOf(instant + shiftMs, timeZone);
}
