import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  addBusinessTime,
  type BusinessCalendar,
  businessMillisecondsBetween,
  businessSecondsBetween,
  type Pause,
  weekdays,
} from "./business-time.ts";

const paris: BusinessCalendar = {
  timezone: "Europe/Paris",
  weekly: Object.fromEntries(weekdays.slice(0, 5).map((day) => [day, [{ start: "09:00", end: "17:00" }]])),
  holidays: ["2026-12-25"],
};
const at = (iso: string) => new Date(iso);

describe("examples", () => {
  test("always open, no pause: start + target", () => {
    expect(addBusinessTime(null, at("2026-12-03T10:00:00Z"), 1800, [])).toEqual(at("2026-12-03T10:30:00Z"));
  });

  test("a Friday-afternoon ticket with a four-hour target is due on Monday morning", () => {
    // Friday 15:00 Paris (14:00Z): two hours left on Friday, two more from 09:00 on Monday.
    expect(addBusinessTime(paris, at("2026-12-04T14:00:00Z"), 4 * 3600, [])).toEqual(
      at("2026-12-07T10:00:00Z"),
    );
  });

  test("a holiday is skipped", () => {
    // Thursday 24 December 16:00 Paris; Friday 25 is a holiday: due Monday 28 at 10:00 Paris.
    expect(addBusinessTime(paris, at("2026-12-24T15:00:00Z"), 2 * 3600, [])).toEqual(
      at("2026-12-28T09:00:00Z"),
    );
  });

  test("opened at night, the clock starts when the day opens", () => {
    expect(addBusinessTime(paris, at("2026-12-03T02:00:00Z"), 60, [])).toEqual(at("2026-12-03T08:01:00Z"));
  });

  test("across the spring DST change the deadline keeps local opening hours", () => {
    // Friday 27 March 2026, 16:00 Paris (UTC+1), two hours: one on Friday, one on Monday from
    // 09:00 Paris, which is now UTC+2.
    expect(addBusinessTime(paris, at("2026-03-27T15:00:00Z"), 2 * 3600, [])).toEqual(
      at("2026-03-30T08:00:00Z"),
    );
  });

  test("a pause stops the clock; one still running leaves the deadline unknown", () => {
    const start = at("2026-12-03T10:00:00Z");
    const pause: Pause = { from: at("2026-12-03T10:10:00Z"), to: at("2026-12-03T11:10:00Z") };
    expect(addBusinessTime(null, start, 1800, [pause])).toEqual(at("2026-12-03T11:30:00Z"));
    expect(addBusinessTime(null, start, 1800, [{ from: pause.from, to: null }])).toBeNull();
    expect(
      businessSecondsBetween(null, start, at("2026-12-03T12:00:00Z"), [{ from: pause.from, to: null }]),
    ).toBe(600);
  });

  test("several intervals a day", () => {
    const split: BusinessCalendar = {
      timezone: "UTC",
      weekly: {
        thu: [
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
      },
      holidays: [],
    };
    expect(addBusinessTime(split, at("2026-12-03T11:00:00Z"), 2 * 3600, [])).toEqual(
      at("2026-12-03T14:00:00Z"),
    );
  });

  test("a calendar that never opens is an error, not a loop", () => {
    expect(() =>
      addBusinessTime({ timezone: "UTC", weekly: {}, holidays: [] }, at("2026-12-03T00:00:00Z"), 60, []),
    ).toThrow("never opens");
  });
});

describe("properties", () => {
  const zones = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
  ];
  const dayIntervals = fc
    .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 2, maxLength: 4 })
    .map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const label = (half: number) =>
        half === 48 ? "24:00" : `${String(Math.floor(half / 2)).padStart(2, "0")}:${half % 2 ? "30" : "00"}`;
      const intervals = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        intervals.push({ start: label(sorted[i] ?? 0), end: label(sorted[i + 1] ?? 0) });
      return intervals;
    });
  const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
    timezone: fc.constantFrom(...zones),
    weekly: fc
      .record(
        Object.fromEntries(weekdays.map((day) => [day, dayIntervals])) as Record<
          (typeof weekdays)[number],
          typeof dayIntervals
        >,
      )
      .map((weekly) => weekly as BusinessCalendar["weekly"]),
    holidays: fc
      .array(
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2027-12-31T00:00:00Z"), noInvalidDate: true }),
        { maxLength: 5 },
      )
      .map((dates) => dates.map((date) => date.toISOString().slice(0, 10))),
  });
  const start = fc.date({
    min: at("2026-01-01T00:00:00Z"),
    max: at("2027-06-30T00:00:00Z"),
    noInvalidDate: true,
  });
  const seconds = fc.integer({ min: 60, max: 5 * 24 * 3600 });
  const pauses = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 10 * 24 * 3600 }), fc.integer({ min: 1, max: 3 * 24 * 3600 })),
    { maxLength: 4 },
  );
  const toPauses = (base: Date, spans: [number, number][]): Pause[] =>
    spans.map(([offset, length]) => ({
      from: new Date(base.getTime() + offset * 1000),
      to: new Date(base.getTime() + (offset + length) * 1000),
    }));

  test("24/7 with no pause is start + target", () => {
    fc.assert(
      fc.property(start, seconds, (from, target) => {
        expect(addBusinessTime(null, from, target, [])?.getTime()).toBe(from.getTime() + target * 1000);
      }),
    );
  });

  test("a pause never makes a deadline earlier", () => {
    fc.assert(
      fc.property(calendar, start, seconds, pauses, (cal, from, target, spans) => {
        const without = addBusinessTime(cal, from, target, []);
        const withPauses = addBusinessTime(cal, from, target, toPauses(from, spans));
        expect(withPauses?.getTime() ?? 0).toBeGreaterThanOrEqual(without?.getTime() ?? 0);
      }),
      { numRuns: 150 },
    );
  });

  test("the business time from start to the deadline is the target, exactly", () => {
    fc.assert(
      fc.property(calendar, start, seconds, pauses, (cal, from, target, spans) => {
        const paused = toPauses(from, spans);
        const due = addBusinessTime(cal, from, target, paused);
        if (due) expect(businessSecondsBetween(cal, from, due, paused)).toBe(target);
      }),
      { numRuns: 150 },
    );
  });

  test("a deadline falls inside open hours: the millisecond before it counts, and is no holiday", () => {
    fc.assert(
      fc.property(calendar, start, seconds, pauses, (cal, from, target, spans) => {
        const paused = toPauses(from, spans);
        const due = addBusinessTime(cal, from, target, paused);
        if (!due) return;
        const before = new Date(due.getTime() - 1);
        expect(businessMillisecondsBetween(cal, from, due, paused)).toBe(target * 1000);
        expect(businessMillisecondsBetween(cal, from, before, paused)).toBe(target * 1000 - 1);
        const localDay = Temporal.Instant.fromEpochMilliseconds(before.getTime())
          .toZonedDateTimeISO(cal.timezone)
          .toPlainDate()
          .toString();
        expect(cal.holidays).not.toContain(localDay);
      }),
      { numRuns: 150 },
    );
  });

  test("more target never means an earlier deadline", () => {
    fc.assert(
      fc.property(calendar, start, seconds, seconds, (cal, from, a, b) => {
        const [less, more] = a < b ? [a, b] : [b, a];
        expect(addBusinessTime(cal, from, more, [])?.getTime() ?? 0).toBeGreaterThanOrEqual(
          addBusinessTime(cal, from, less, [])?.getTime() ?? 0,
        );
      }),
      { numRuns: 150 },
    );
  });
});
