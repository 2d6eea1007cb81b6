import { describe, expect, test } from "bun:test";
import { liveTarget, nearestTarget } from "./sla-deadline.ts";
import type { SlaTarget } from "./ticket-queries.ts";

const now = Date.parse("2030-01-07T10:00:00.000Z");
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
const target = (state: SlaTarget["state"], dueIn: number | null, remainingSeconds = 0): SlaTarget => ({
  state,
  dueAt: dueIn === null ? null : at(dueIn),
  remainingSeconds,
});
const sla = (targets: Partial<Record<"firstResponse" | "nextResponse" | "resolution", SlaTarget>>) => ({
  policyId: "0190a8f0-0000-7000-8000-000000000000",
  firstResponse: targets.firstResponse ?? null,
  nextResponse: targets.nextResponse ?? null,
  resolution: targets.resolution ?? null,
});

describe("nearestTarget", () => {
  test("the running deadline that comes first, an overdue one before all", () => {
    const soon = sla({ firstResponse: target("at_risk", 60), resolution: target("ok", 3600) });
    expect(nearestTarget(soon)?.name).toBe("firstResponse");
    const overdue = sla({ firstResponse: target("ok", 60), resolution: target("breached", -30) });
    expect(nearestTarget(overdue)?.name).toBe("resolution");
  });

  test("a paused one when none runs, then a met one; nothing without an SLA", () => {
    const paused = sla({ firstResponse: target("met", -10), resolution: target("paused", null, 900) });
    expect(nearestTarget(paused)?.name).toBe("resolution");
    expect(nearestTarget(sla({ firstResponse: target("met", -10, 120) }))?.name).toBe("firstResponse");
    expect(nearestTarget(sla({}))).toBeUndefined();
    expect(nearestTarget(null)).toBeUndefined();
  });
});

describe("liveTarget", () => {
  test("counts down from dueAt, keeping the server's state while time is left", () => {
    expect(liveTarget(target("ok", 90), now)).toEqual({ state: "ok", seconds: 90 });
    expect(liveTarget(target("at_risk", 90), now + 89_500)).toEqual({ state: "at_risk", seconds: 1 });
  });

  test("reads as breached once the countdown reaches zero, before the server says so", () => {
    expect(liveTarget(target("at_risk", 90), now + 90_000)).toEqual({ state: "breached", seconds: 0 });
    expect(liveTarget(target("ok", 90), now + 95_000)).toEqual({ state: "breached", seconds: -5 });
  });

  test("a paused or met target stands still at what the server said", () => {
    expect(liveTarget(target("paused", null, 900), now + 60_000)).toEqual({ state: "paused", seconds: 900 });
    expect(liveTarget(target("met", -100, 300), now)).toEqual({ state: "met", seconds: 300 });
  });
});
