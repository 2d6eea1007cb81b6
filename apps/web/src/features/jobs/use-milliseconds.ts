import { useMemo } from "react";
import { useLocale } from "../../i18n/locale-context.tsx";

/** A job's processing time: milliseconds under a second, then seconds with one decimal. */
export function useMilliseconds() {
  const { locale } = useLocale();
  return useMemo(() => {
    const ms = new Intl.NumberFormat(locale, { style: "unit", unit: "millisecond", unitDisplay: "short" });
    const seconds = new Intl.NumberFormat(locale, {
      style: "unit",
      unit: "second",
      unitDisplay: "short",
      maximumFractionDigits: 1,
    });
    return (value: number) => (value < 1000 ? ms.format(value) : seconds.format(value / 1000));
  }, [locale]);
}
