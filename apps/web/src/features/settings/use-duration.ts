import { useMemo } from "react";
import { useLocale } from "../../i18n/locale-context.tsx";

/**
 * Minutes of business time as hours and minutes: "30 min", "4 hr", "1 hr 30 min". Never days: a
 * day of business time is not a calendar day, and "1 day" would read as one.
 */
export function useDuration() {
  const { locale } = useLocale();
  return useMemo(() => {
    const unit = (name: "minute" | "hour") =>
      new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" });
    const minutes = unit("minute");
    const hours = unit("hour");
    return (total: number) => {
      const h = Math.floor(total / 60);
      const m = total % 60;
      if (h === 0) return minutes.format(m);
      return m === 0 ? hours.format(h) : `${hours.format(h)} ${minutes.format(m)}`;
    };
  }, [locale]);
}
