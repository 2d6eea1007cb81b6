import { useMemo } from "react";
import { useLocale } from "./locale-context.tsx";

/** Dates, durations and numbers in the user's language and the organization's time zone. */
export function useFormat() {
  const { locale, timeZone } = useLocale();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    return {
      dateTime: (iso: string | Date) => dateTime.format(new Date(iso)),
      date: (iso: string | Date) => date.format(new Date(iso)),
      number: (value: number) => number.format(value),
      /** A ratio from 0 to 1. */
      percent: (ratio: number) => percent.format(ratio),
      /** "3 minutes ago", "in 2 hours". */
      relative(iso: string | Date, now = Date.now()) {
        const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
        const abs = Math.abs(seconds);
        if (abs < 60) return relative.format(seconds, "second");
        if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
        if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
        return relative.format(Math.round(seconds / 86_400), "day");
      },
      /** A countdown such as "1:04:09" or "2 d 3:00:00"; negative values are time past. */
      countdown(totalSeconds: number) {
        const sign = totalSeconds < 0 ? "−" : "";
        let rest = Math.abs(Math.trunc(totalSeconds));
        const days = Math.floor(rest / 86_400);
        rest -= days * 86_400;
        const hh = Math.floor(rest / 3600);
        const mm = Math.floor((rest % 3600) / 60);
        const ss = rest % 60;
        const clock = `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
        return `${sign}${days > 0 ? `${number.format(days)} d ` : ""}${clock}`;
      },
    };
  }, [locale, timeZone]);
}
