import { describe, expect, test } from "bun:test";
import type { DigestSettings, WeeklyReportSettings } from "@helpdesk/db/schema";
import { isoWeekOf, mondayOfIsoWeek } from "./local-time.ts";
import {
  digestPeriod,
  dueDigest,
  dueWeeklyReport,
  lastCompleteWeek,
  weekPeriod,
} from "./schedule-periods.ts";

const at = (iso: string) => new Date(iso);
const daily = (hour: number, weekdaysOnly = false): DigestSettings => ({ enabled: true, hour, weekdaysOnly });
const hours = (range: { from: Date; to: Date }) => (range.to.getTime() - range.from.getTime()) / 3_600_000;

/** The first quarter-hour tick from `from` to `to` (one local day) at which a digest is due. */
function firstDueTick(from: string, to: string, zone: string, settings: DigestSettings) {
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += 15 * 60_000) {
    const due = dueDigest(new Date(t), zone, settings);
    if (due) return { tick: new Date(t).toISOString(), ...due };
  }
  return null;
}

describe("the tick at which a digest is due", () => {
  test("Asia/Kolkata (+05:30): 08:00 local is the 02:30 UTC tick", () => {
    const due = firstDueTick("2026-06-10T00:00:00Z", "2026-06-10T12:00:00Z", "Asia/Kolkata", daily(8));
    expect(due).toMatchObject({ tick: "2026-06-10T02:30:00.000Z", period: "2026-06-09" });
    expect(due?.from.toISOString()).toBe("2026-06-08T18:30:00.000Z");
    expect(due?.to.toISOString()).toBe("2026-06-09T18:30:00.000Z");
  });

  test("Asia/Kathmandu (+05:45): 08:00 local is the 02:15 UTC tick", () => {
    const due = firstDueTick("2026-06-10T00:00:00Z", "2026-06-10T12:00:00Z", "Asia/Kathmandu", daily(8));
    expect(due).toMatchObject({ tick: "2026-06-10T02:15:00.000Z", period: "2026-06-09" });
    expect(due?.from.toISOString()).toBe("2026-06-08T18:15:00.000Z");
  });

  test("America/St_Johns (−03:30 in winter, −02:30 in summer)", () => {
    const winter = firstDueTick("2026-01-15T03:30:00Z", "2026-01-16T03:15:00Z", "America/St_Johns", daily(8));
    expect(winter).toMatchObject({ tick: "2026-01-15T11:30:00.000Z", period: "2026-01-14" });
    expect(winter?.from.toISOString()).toBe("2026-01-14T03:30:00.000Z");
    const summer = firstDueTick("2026-07-15T02:30:00Z", "2026-07-16T02:15:00Z", "America/St_Johns", daily(8));
    expect(summer).toMatchObject({ tick: "2026-07-15T10:30:00.000Z", period: "2026-07-14" });
  });

  test("Europe/Paris, spring forward: 08:00 moves from 07:00 to 06:00 UTC; the short day is 23 hours", () => {
    const saturday = firstDueTick("2026-03-28T00:00:00Z", "2026-03-28T23:45:00Z", "Europe/Paris", daily(8));
    expect(saturday?.tick).toBe("2026-03-28T07:00:00.000Z");
    const sunday = firstDueTick("2026-03-29T00:00:00Z", "2026-03-29T23:45:00Z", "Europe/Paris", daily(8));
    expect(sunday?.tick).toBe("2026-03-29T06:00:00.000Z");
    const monday = dueDigest(at("2026-03-30T06:00:00Z"), "Europe/Paris", daily(8));
    expect(monday?.period).toBe("2026-03-29");
    expect(monday?.from.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(monday?.to.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(monday && hours(monday)).toBe(23);
  });

  test("Europe/Paris, an hour the clocks skip (02:00 on the spring day) is sent at the first tick after it", () => {
    const due = firstDueTick("2026-03-29T00:00:00Z", "2026-03-29T23:45:00Z", "Europe/Paris", daily(2));
    expect(due).toMatchObject({ tick: "2026-03-29T01:00:00.000Z", period: "2026-03-28" });
  });

  test("Europe/Paris, fall back: the long day is 25 hours", () => {
    const sunday = firstDueTick("2026-10-25T00:00:00Z", "2026-10-25T23:45:00Z", "Europe/Paris", daily(8));
    expect(sunday?.tick).toBe("2026-10-25T07:00:00.000Z");
    const covered = digestPeriod("2026-10-25", "Europe/Paris", { weekdaysOnly: false });
    expect(covered.from.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(covered.to.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(hours(covered)).toBe(25);
  });

  test("America/New_York, weekdays only: none on the weekend; Monday's covers Friday to Sunday across the change", () => {
    expect(dueDigest(at("2026-03-07T18:00:00Z"), "America/New_York", daily(8, true))).toBeNull();
    expect(dueDigest(at("2026-03-08T18:00:00Z"), "America/New_York", daily(8, true))).toBeNull();
    const monday = firstDueTick(
      "2026-03-09T00:00:00Z",
      "2026-03-09T23:45:00Z",
      "America/New_York",
      daily(8, true),
    );
    expect(monday).toMatchObject({ tick: "2026-03-09T12:00:00.000Z", period: "2026-03-08" });
    expect(monday?.from.toISOString()).toBe("2026-03-06T05:00:00.000Z");
    expect(monday?.to.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(monday && hours(monday)).toBe(71);
    const autumn = dueDigest(at("2026-11-02T13:00:00Z"), "America/New_York", daily(8, true));
    expect(autumn && hours(autumn)).toBe(73);
  });

  test("a missed tick is caught up until the local day ends, then the next day's digest is due", () => {
    const zone = "Asia/Kolkata";
    expect(dueDigest(at("2026-06-10T18:15:00Z"), zone, daily(8))?.period).toBe("2026-06-09");
    // 00:00 local on the 11th: the 10th's digest waits for 08:00.
    expect(dueDigest(at("2026-06-10T18:30:00Z"), zone, daily(8))).toBeNull();
    expect(dueDigest(at("2026-06-11T02:30:00Z"), zone, daily(8))?.period).toBe("2026-06-10");
  });

  test("a disabled digest is never due", () => {
    expect(dueDigest(at("2026-06-10T12:00:00Z"), "UTC", { ...daily(8), enabled: false })).toBeNull();
  });
});

describe("the weekly report", () => {
  const monday8: WeeklyReportSettings = { enabled: true, weekday: "mon", hour: 8 };

  test("due on its weekday from its hour, for the ISO week before, in local weeks across DST", () => {
    expect(dueWeeklyReport(at("2026-03-30T05:45:00Z"), "Europe/Paris", monday8)).toBeNull();
    const due = dueWeeklyReport(at("2026-03-30T06:00:00Z"), "Europe/Paris", monday8);
    expect(due?.period).toBe("2026-W13");
    expect(due?.from.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(due?.to.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(due && hours(due)).toBe(167);
    expect(dueWeeklyReport(at("2026-03-31T06:00:00Z"), "Europe/Paris", monday8)).toBeNull();
  });

  test("+05:45 and −03:30 zones: the quarter-hour tick of their local hour", () => {
    expect(dueWeeklyReport(at("2026-06-08T02:00:00Z"), "Asia/Kathmandu", monday8)).toBeNull();
    expect(dueWeeklyReport(at("2026-06-08T02:15:00Z"), "Asia/Kathmandu", monday8)?.period).toBe("2026-W23");
    const sunday = { ...monday8, weekday: "sun" as const };
    expect(dueWeeklyReport(at("2026-01-18T11:15:00Z"), "America/St_Johns", sunday)).toBeNull();
    // Sunday 18 January is in week 3, not complete yet: the report covers week 2.
    expect(dueWeeklyReport(at("2026-01-18T11:30:00Z"), "America/St_Johns", sunday)?.period).toBe("2026-W02");
  });

  test("the last complete week depends on the local date, not UTC's", () => {
    // Monday 03:00 in Kolkata is still Sunday in UTC.
    expect(lastCompleteWeek(at("2026-06-07T21:30:00Z"), "Asia/Kolkata")).toBe("2026-W23");
    expect(lastCompleteWeek(at("2026-06-07T21:30:00Z"), "UTC")).toBe("2026-W22");
  });
});

describe("ISO weeks", () => {
  test("weeks at year ends", () => {
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(mondayOfIsoWeek("2026-W53")).toBe("2026-12-28");
    expect(mondayOfIsoWeek("2025-W01")).toBe("2024-12-30");
  });

  test("malformed weeks and weeks a year does not have", () => {
    for (const week of ["2025-W53", "2026-W54", "2026-W00", "2026-49", "2026-W7", "x"])
      expect(mondayOfIsoWeek(week)).toBeUndefined();
    expect(weekPeriod("2025-W53", "UTC")).toBeNull();
  });
});
