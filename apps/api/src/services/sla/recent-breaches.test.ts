import { expect, test } from "bun:test";
import { RecentBreaches } from "./recent-breaches.ts";

const deadline = (n: number) => ({ ticketId: `t${n}`, target: "first_response", dueAt: new Date(1_000 * n) });

test("knows the deadlines it was told, by ticket, target and time", () => {
  const recent = new RecentBreaches();
  recent.add([deadline(1)]);
  expect(recent.has(deadline(1))).toBe(true);
  expect(recent.has({ ...deadline(1), target: "resolution" })).toBe(false);
  expect(recent.has({ ...deadline(1), dueAt: new Date(1_001) })).toBe(false);
});

test("forgets the oldest beyond its capacity", () => {
  const recent = new RecentBreaches(3);
  recent.add([deadline(1), deadline(2)]);
  recent.add([deadline(3), deadline(4), deadline(5)]);
  expect([1, 2, 3, 4, 5].map((n) => recent.has(deadline(n)))).toEqual([false, false, true, true, true]);
});
