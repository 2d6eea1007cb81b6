import { expect, test } from "bun:test";
import { deriveClocks, type TicketHistory } from "./derive-clocks.ts";

const t = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 9, 0) + minutes * 60_000);
const allowances = { first_response: 30, next_response: 60, resolution: 240 };
const history = (extra: Partial<TicketHistory> = {}): TicketHistory => ({
  createdAt: t(0),
  statusChanges: [],
  publicMessages: [],
  ...extra,
});
const clocks = (h: TicketHistory, now = t(1000)) =>
  deriveClocks(h, allowances, null, now).map((clock) => ({
    target: clock.target,
    started: (clock.startedAt.getTime() - t(0).getTime()) / 60_000,
    due: clock.dueAt ? (clock.dueAt.getTime() - t(0).getTime()) / 60_000 : null,
    met: clock.metAt ? (clock.metAt.getTime() - t(0).getTime()) / 60_000 : null,
    stopped: clock.stoppedAt ? (clock.stoppedAt.getTime() - t(0).getTime()) / 60_000 : null,
  }));

test("a new ticket runs its first response and resolution from its creation", () => {
  expect(clocks(history(), t(5))).toEqual([
    { target: "first_response", started: 0, due: 30, met: null, stopped: null },
    { target: "resolution", started: 0, due: 240, met: null, stopped: null },
  ]);
});

test("a public staff reply meets the first response; the customer's answer starts a next response", () => {
  const h = history({
    publicMessages: [
      { fromCustomer: false, at: t(10) },
      { fromCustomer: true, at: t(20) },
      { fromCustomer: true, at: t(25) }, // already waiting: no second run
      { fromCustomer: false, at: t(50) },
      { fromCustomer: true, at: t(70) },
    ],
  });
  expect(clocks(h, t(80))).toEqual([
    { target: "first_response", started: 0, due: 30, met: 10, stopped: null },
    { target: "resolution", started: 0, due: 240, met: null, stopped: null },
    { target: "next_response", started: 20, due: 80, met: 50, stopped: null },
    { target: "next_response", started: 70, due: 130, met: null, stopped: null },
  ]);
});

test("a customer message before any staff reply starts no next response", () => {
  const h = history({ publicMessages: [{ fromCustomer: true, at: t(5) }] });
  expect(clocks(h).map((clock) => clock.target)).toEqual(["first_response", "resolution"]);
});

test("time pending does not count; a pause still lasting leaves the deadline unknown", () => {
  const h = history({
    statusChanges: [
      { to: "pending", at: t(10) },
      { to: "open", at: t(70) },
    ],
  });
  expect(clocks(h, t(100))[0]).toMatchObject({ due: 90 }); // 30 min + 60 paused
  const still = history({ statusChanges: [{ to: "pending", at: t(10) }] });
  expect(clocks(still, t(100))[0]).toMatchObject({ due: null });
});

test("a customer reply on a pending ticket resumes its clocks", () => {
  const h = history({
    statusChanges: [{ to: "pending", at: t(10) }],
    publicMessages: [{ fromCustomer: true, at: t(40) }],
  });
  expect(clocks(h, t(100))[1]).toMatchObject({ target: "resolution", due: 270 });
});

test("resolving meets the resolution and stops waiting responses; reopening starts a new resolution", () => {
  const h = history({
    statusChanges: [
      { to: "resolved", at: t(100) },
      { to: "open", at: t(300) },
    ],
  });
  expect(clocks(h, t(310))).toEqual([
    { target: "first_response", started: 0, due: 30, met: null, stopped: 100 },
    { target: "resolution", started: 0, due: 240, met: 100, stopped: null },
    { target: "resolution", started: 300, due: 540, met: null, stopped: null },
  ]);
});

test("a customer reply on a resolved ticket reopens it: a new resolution from that reply", () => {
  const h = history({
    statusChanges: [{ to: "resolved", at: t(100) }],
    publicMessages: [{ fromCustomer: true, at: t(200) }],
  });
  expect(clocks(h, t(210)).at(-1)).toEqual({
    target: "resolution",
    started: 200,
    due: 440,
    met: null,
    stopped: null,
  });
});

test("closing stops every run; nothing starts after", () => {
  const h = history({
    statusChanges: [{ to: "closed", at: t(50) }],
    publicMessages: [{ fromCustomer: true, at: t(60) }],
  });
  expect(clocks(h)).toEqual([
    { target: "first_response", started: 0, due: 30, met: null, stopped: 50 },
    { target: "resolution", started: 0, due: 240, met: null, stopped: 50 },
  ]);
});

test("a target the policy leaves out has no clock", () => {
  expect(deriveClocks(history(), { resolution: 60 }, null, t(1)).map((clock) => clock.target)).toEqual([
    "resolution",
  ]);
});
