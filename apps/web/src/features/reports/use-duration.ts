import { useMemo } from "react";
import { useLocale } from "../../i18n/locale-context.tsx";

/** Business seconds as words a reader takes in at a glance: "45 sec", "2 hr 5 min", "3 days 4 hr". */
export function useDuration() {
  const { locale } = useLocale();
  return useMemo(() => {
    const unit = (name: string) =>
      new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" });
    const [seconds, minutes, hours, days] = ["second", "minute", "hour", "day"].map(unit) as [
      Intl.NumberFormat,
      Intl.NumberFormat,
      Intl.NumberFormat,
      Intl.NumberFormat,
    ];
    return (total: number) => {
      if (total < 60) return seconds.format(Math.round(total));
      const totalMinutes = Math.round(total / 60);
      if (totalMinutes < 60) return minutes.format(totalMinutes);
      const totalHours = Math.floor(totalMinutes / 60);
      if (totalHours < 24) {
        const rest = totalMinutes % 60;
        return rest ? `${hours.format(totalHours)} ${minutes.format(rest)}` : hours.format(totalHours);
      }
      const rest = totalHours % 24;
      const whole = Math.floor(totalHours / 24);
      return rest ? `${days.format(whole)} ${hours.format(rest)}` : days.format(whole);
    };
  }, [locale]);
}
