import { anyOf } from "@helpdesk/db/any-of";
import { type SlaClock, type SlaTarget, slaClocks, slaPolicies, type Ticket } from "@helpdesk/db/schema";
import type { Actor } from "../../auth/actor.ts";
import type { SystemContext } from "../../context/service-context.ts";
import { type BusinessCalendar, businessSecondsBetween, type Pause } from "./business-time.ts";
import { AT_RISK_SHARE } from "./derive-clocks.ts";

export type SlaState = "ok" | "at_risk" | "paused" | "breached" | "met";

export interface TargetView {
  dueAt: Date | null;
  state: SlaState;
  /** Business seconds left (negative once overdue); for a met target, what was left when it was met. */
  remainingSeconds: number;
}

export interface SlaView {
  policyId: string;
  firstResponse: TargetView | null;
  nextResponse: TargetView | null;
  resolution: TargetView | null;
}

/**
 * The `sla` field of tickets as the API shows them: for each target, its latest run. Staff only:
 * a customer's view of their own ticket carries none (deadlines are an internal matter).
 */
export async function withSla<T extends Pick<Ticket, "id" | "slaPolicyId">>(
  ctx: Pick<SystemContext, "db"> & { actor: Pick<Actor, "role"> },
  rows: T[],
  now = new Date(),
): Promise<(T & { sla: SlaView | null })[]> {
  const governed = rows.filter((row) => row.slaPolicyId);
  if (ctx.actor.role === "customer" || governed.length === 0)
    return rows.map((row) => ({ ...row, sla: null }));
  const [clocks, policies] = await Promise.all([
    ctx.db
      .select()
      .from(slaClocks)
      .where(
        anyOf(
          slaClocks.ticketId,
          governed.map((row) => row.id),
        ),
      ),
    ctx.db
      .select({ id: slaPolicies.id, businessHours: slaPolicies.businessHours })
      .from(slaPolicies)
      .where(anyOf(slaPolicies.id, [...new Set(governed.map((row) => row.slaPolicyId as string))])),
  ]);
  const calendars = new Map(policies.map((policy) => [policy.id, policy.businessHours]));
  const byTicket = Map.groupBy(clocks, (clock) => clock.ticketId);
  return rows.map((row) => {
    if (!row.slaPolicyId) return { ...row, sla: null };
    const calendar = calendars.get(row.slaPolicyId) ?? null;
    const latest = (target: SlaTarget) =>
      (byTicket.get(row.id) ?? [])
        .filter((clock) => clock.target === target && !(clock.stoppedAt && !clock.breachedAt))
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
    const view = (target: SlaTarget) => {
      const clock = latest(target);
      return clock ? targetView(clock, calendar, now) : null;
    };
    return {
      ...row,
      sla: {
        policyId: row.slaPolicyId,
        firstResponse: view("first_response"),
        nextResponse: view("next_response"),
        resolution: view("resolution"),
      },
    };
  });
}

/** One run's state at `now`. */
export function targetView(clock: SlaClock, calendar: BusinessCalendar | null, now: Date): TargetView {
  const allowance = clock.minutes * 60;
  const pauses: Pause[] = clock.pauses.map((pause) => ({
    from: new Date(pause.from),
    to: pause.to ? new Date(pause.to) : null,
  }));
  const end = clock.metAt ?? clock.stoppedAt ?? now;
  const used = businessSecondsBetween(calendar, clock.startedAt, end, pauses);
  const overdue =
    clock.dueAt && clock.dueAt < end ? businessSecondsBetween(calendar, clock.dueAt, end, pauses) : 0;
  const remainingSeconds = overdue > 0 ? -overdue : allowance - used;
  const breached = Boolean(clock.breachedAt) || overdue > 0;
  const paused = pauses.some((pause) => pause.to === null);
  const state: SlaState = clock.metAt
    ? breached
      ? "breached"
      : "met"
    : breached
      ? "breached"
      : paused
        ? "paused"
        : used >= allowance * AT_RISK_SHARE
          ? "at_risk"
          : "ok";
  return { dueAt: clock.dueAt, state, remainingSeconds };
}
