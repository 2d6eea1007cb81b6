/** ISO 8601 weeks (`2026-W49`): Monday to Sunday, week 1 holding the year's first Thursday. */

const DAY_MS = 86_400_000;

/** The ISO week a calendar day (`YYYY-MM-DD`) belongs to. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday of an ISO week, or undefined when the text is not one (`2026-W53` does not exist). */
export function mondayOf(week: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  const january4 = Date.UTC(year, 0, 4);
  const firstMonday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(firstMonday + (number - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
  return isoWeekOf(monday) === week ? monday : undefined;
}

/** The week `weeks` weeks after (before, when negative) the given one. */
export function shiftWeek(week: string, weeks: number): string | undefined {
  const monday = mondayOf(week);
  if (!monday) return undefined;
  return isoWeekOf(
    new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * DAY_MS).toISOString().slice(0, 10),
  );
}
