import { expect, test } from "bun:test";
import { slowestPerHalfSecond } from "./timeline.ts";

test("each half second shows its slowest event, by when it was sent, in order", () => {
  const started = 1_000;
  const samples: [number, number][] = [
    [started + 1_200, 40.4], // third slice
    [started + 10, 12],
    [started + 490, 30.6], // same first slice, slower
    [started + 1_499, 90],
    [started + 2_000, 7], // due at exactly 2 s: the last slice, not a fifth
  ];
  expect(slowestPerHalfSecond(samples, started, 2)).toBe("0s:31 0.5s:– 1s:90 1.5s:7");
});
