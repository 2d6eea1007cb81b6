import { useMemo } from "react";
import { useLocale } from "./locale-context.tsx";

type Unit = "millisecond" | "second" | "minute" | "hour" | "day";

/** Dates, durations and numbers in the user's language and the organization's time zone. */
export function useFormat() {
  const { locale, timeZone } = useLocale();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const unit = (name: Unit, unitDisplay: "short" | "narrow" = "short", maximumFractionDigits = 0) =>
      new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay, maximumFractionDigits });
    const units = {
      ms: unit("millisecond"),
      s: unit("second"),
      fractionalS: unit("second", "short", 1),
      min: unit("minute"),
      h: unit("hour"),
      d: unit("day"),
      narrowD: unit("day", "narrow"),
    };
    /** "4 hr", or "1 hr 30 min" when there is a remainder. */
    const pair = (big: Intl.NumberFormat, whole: number, small: Intl.NumberFormat, rest: number) =>
      rest ? `${big.format(whole)} ${small.format(rest)}` : big.format(whole);
    return {
      dateTime: (iso: string | Date) => dateTime.format(new Date(iso)),
      date: (iso: string | Date) => date.format(new Date(iso)),
      /** The time of day: "14:05", "2:05 PM". */
      time: (iso: string | Date | number) => time.format(new Date(iso)),
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
      /** A countdown such as "1:04:09" or "2d 3:00:00" ("2j" in French); negative values are time past. */
      countdown(totalSeconds: number) {
        const sign = totalSeconds < 0 ? "−" : "";
        let rest = Math.abs(Math.trunc(totalSeconds));
        const days = Math.floor(rest / 86_400);
        rest -= days * 86_400;
        const hh = Math.floor(rest / 3600);
        const mm = Math.floor((rest % 3600) / 60);
        const ss = rest % 60;
        const clock = `${hh}:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
        return `${sign}${days > 0 ? `${units.narrowD.format(days)} ` : ""}${clock}`;
      },
      /** Seconds read at a glance: "45 sec", "2 hr 5 min", "3 days 4 hr". */
      duration(totalSeconds: number) {
        if (totalSeconds < 60) return units.s.format(Math.round(totalSeconds));
        const minutes = Math.round(totalSeconds / 60);
        if (minutes < 60) return units.min.format(minutes);
        const hours = Math.floor(minutes / 60);
        if (hours < 24) return pair(units.h, hours, units.min, minutes % 60);
        return pair(units.d, Math.floor(hours / 24), units.h, hours % 24);
      },
      /**
       * Minutes of business time as hours and minutes, never days: a day of business time is not a
       * calendar day, and "1 day" would read as one.
       */
      businessMinutes(total: number) {
        const hours = Math.floor(total / 60);
        return hours === 0 ? units.min.format(total) : pair(units.h, hours, units.min, total % 60);
      },
      /** A job's processing time: milliseconds under a second, then seconds with one decimal. */
      milliseconds: (value: number) =>
        value < 1000 ? units.ms.format(value) : units.fractionalS.format(value / 1000),
    };
  }, [locale, timeZone]);
}
