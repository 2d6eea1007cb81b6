import { expect, test } from "bun:test";
import { slowestPerHalfSecond } from "./timeline.ts";

test("each half second shows its slowest event, by when it was sent, in order", () => {
  const started = 1_000;
  const samples: [number, number][] = [
    [started + 1_200, 40.4], // third slice
    [started + 10, 12],
    [started + 490, 30.6], // same first slice, slower
    [started + 1_499, 90],
    [started + 700, 5],
  ];
  expect(slowestPerHalfSecond(samples, started)).toBe("0s:31 0.5s:5 1s:90");
});
