import type { Sla, SlaTarget } from "./ticket-queries.ts";

/** Which deadline a ticket shows and how it reads second by second (SlaBadge draws it). */
export type SlaState = SlaTarget["state"];
export const slaTargetNames = ["firstResponse", "nextResponse", "resolution"] as const;
export type SlaTargetName = (typeof slaTargetNames)[number];

/** A clock still counting: it has a deadline and was neither met nor paused. */
export const isRunning = (target: SlaTarget) =>
  target.dueAt !== null &&
  (target.state === "ok" || target.state === "at_risk" || target.state === "breached");

/**
 * The deadline a ticket's badge shows: the nearest one still running (an overdue one is nearest of
 * all), else a paused one, else a met one.
 */
export function nearestTarget(sla: Sla): { name: SlaTargetName; target: SlaTarget } | undefined {
  if (!sla) return undefined;
  const targets = slaTargetNames.flatMap((name) => (sla[name] ? [{ name, target: sla[name] }] : []));
  const due = (t: SlaTarget) => Date.parse(t.dueAt ?? "");
  return (
    targets.filter((t) => isRunning(t.target)).sort((a, b) => due(a.target) - due(b.target))[0] ??
    targets
      .filter((t) => t.target.state === "paused")
      .sort((a, b) => a.target.remainingSeconds - b.target.remainingSeconds)[0] ??
    targets.find((t) => t.target.state === "met")
  );
}

/**
 * The state and seconds left at `now`. The countdown runs from `dueAt`; one that reaches zero
 * reads as breached at once, before the server's breach event confirms it.
 */
export function liveTarget(target: SlaTarget, now: number): { state: SlaState; seconds: number } {
  if (!isRunning(target)) return { state: target.state, seconds: target.remainingSeconds };
  const seconds = Math.ceil((Date.parse(target.dueAt ?? "") - now) / 1000);
  return { state: seconds <= 0 ? "breached" : target.state, seconds };
}
