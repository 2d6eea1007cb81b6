import { useMemo } from "react";
import { useLocale } from "../../i18n/locale-context.tsx";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** Weekday names, hours and calendar dates in the user's language, for schedules and business hours. */
export function useWeek() {
  const { locale } = useLocale();
  return useMemo(() => {
    const dayName = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
    const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    const hourName = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
    // 2024-01-01 was a Monday.
    const inSentence = Object.fromEntries(
      weekdays.map((day, i) => [day, dayName.format(Date.UTC(2024, 0, 1 + i))]),
    ) as Record<Weekday, string>;
    return {
      /** As a heading or label: "Monday", "Lundi". */
      dayName: (day: Weekday) => {
        const name = inSentence[day];
        return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
      },
      /** Within a sentence: "Monday", "lundi". */
      dayInSentence: (day: Weekday) => inSentence[day],
      hourName: (hour: number) => hourName.format(Date.UTC(2024, 0, 1, hour)),
      /** A local date `YYYY-MM-DD` as written in the user's language, the same day in every zone. */
      dateName: (iso: string) => calendarDate.format(new Date(`${iso}T00:00:00Z`)),
      hours: Array.from({ length: 24 }, (_, hour) => hour),
    };
  }, [locale]);
}
