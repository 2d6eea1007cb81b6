import { useMemo } from "react";
import { useLocale } from "../../i18n/locale-context.tsx";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** Weekday names and hours of the day in the user's language, for schedules and business hours. */
export function useWeek() {
  const { locale } = useLocale();
  return useMemo(() => {
    const dayName = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
    const hourName = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
    // 2024-01-01 was a Monday.
    const names = Object.fromEntries(
      weekdays.map((day, i) => [day, dayName.format(Date.UTC(2024, 0, 1 + i))]),
    ) as Record<Weekday, string>;
    return {
      dayName: (day: Weekday) => names[day],
      hourName: (hour: number) => hourName.format(Date.UTC(2024, 0, 1, hour)),
      hours: Array.from({ length: 24 }, (_, hour) => hour),
    };
  }, [locale]);
}
