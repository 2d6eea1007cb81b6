import { expect, test } from "bun:test";
import { CLOCK_MARGIN_MS, MessageEmailWaits } from "./message-email-waits.ts";

const now = 1_000_000;

test("a wait covers replies until the time it cannot finish before, less the clock margin", () => {
  const waits = new MessageEmailWaits();
  waits.pendingUntil("a", now + 60_000, now);
  expect(waits.covers("a", now)).toBe(true);
  expect(waits.covers("a", now + 60_000 - CLOCK_MARGIN_MS - 1)).toBe(true);
  expect(waits.covers("a", now + 60_000 - CLOCK_MARGIN_MS)).toBe(false);
  expect(waits.covers("b", now)).toBe(false);
});

test("once past, the entry is gone: asking again with an earlier time does not bring it back", () => {
  const waits = new MessageEmailWaits();
  waits.pendingUntil("a", now + 5_000, now);
  expect(waits.covers("a", now + 10_000)).toBe(false);
  expect(waits.covers("a", now)).toBe(false);
});

test("a window no longer than the clock margin is not kept, and replaces a longer one", () => {
  const waits = new MessageEmailWaits();
  waits.pendingUntil("a", now + 60_000, now);
  waits.pendingUntil("a", now + CLOCK_MARGIN_MS, now);
  expect(waits.covers("a", now)).toBe(false);
});

test("a later delay moves the window", () => {
  const waits = new MessageEmailWaits();
  waits.pendingUntil("a", now + 5_000, now);
  waits.pendingUntil("a", now + 65_000, now);
  expect(waits.covers("a", now + 30_000)).toBe(true);
});

test("forget ends the window at once", () => {
  const waits = new MessageEmailWaits();
  waits.pendingUntil("a", now + 60_000, now);
  waits.forget("a");
  expect(waits.covers("a", now)).toBe(false);
});

test("bounded: past the limit the oldest entry goes first", () => {
  const waits = new MessageEmailWaits(2);
  for (const key of ["a", "b", "c"]) waits.pendingUntil(key, now + 60_000, now);
  expect(["a", "b", "c"].map((key) => waits.covers(key, now))).toEqual([false, true, true]);
});
