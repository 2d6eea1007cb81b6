import type { SlaTarget, TicketStatus } from "@helpdesk/db/schema";
import {
  addBusinessTime,
  type BusinessCalendar,
  businessSecondsBetween,
  type Pause,
} from "./business-time.ts";

/** What the policy allows for the ticket's priority, in business minutes; a target left out has no SLA. */
export type Allowances = Partial<Record<SlaTarget, number>>;

/** The history a ticket's clocks follow, oldest first. */
export interface TicketHistory {
  createdAt: Date;
  /** Status changes made by staff or the customer through the ticket (not reopenings by a reply). */
  statusChanges: readonly { to: TicketStatus; at: Date }[];
  /** Public messages (internal notes don't count): who wrote them, and when. */
  publicMessages: readonly { fromCustomer: boolean; at: Date }[];
}

/** One run of one target, as it should be stored. */
export interface DerivedClock {
  target: SlaTarget;
  startedAt: Date;
  minutes: number;
  pauses: Pause[];
  /** The deadline (kept once met or stopped, to judge it); null while a pause still lasts. */
  dueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
  businessSeconds: number | null;
  stoppedAt: Date | null;
}

/** The share of the allowance after which a target is at risk, and its warning is sent. */
export const AT_RISK_SHARE = 0.8;

type Step =
  | { kind: "status"; to: TicketStatus; at: Date }
  | { kind: "message"; fromCustomer: boolean; at: Date };

/**
 * Every run of every target a ticket has had, from its history (docs/sla.md):
 * - first response: from creation to the first public reply by staff;
 * - next response: from a customer's public message (once the first response is given, and none is
 *   already waiting) to the next public reply by staff;
 * - resolution: from creation, and again from each reopening, to the ticket being resolved.
 * Every clock stops while the ticket is pending. A run still going when the ticket is resolved
 * (a response) or closed (any) stops there unmet. A customer's public message on a pending or
 * resolved ticket reopens it, as the reply itself does (services/messages/add-message.ts).
 * Pure: the same history, allowances, calendar and `now` give the same clocks.
 */
export function deriveClocks(
  history: TicketHistory,
  allowances: Allowances,
  calendar: BusinessCalendar | null,
  now: Date,
): DerivedClock[] {
  const steps: Step[] = [
    ...history.statusChanges.map((change): Step => ({ kind: "status", to: change.to, at: change.at })),
    ...history.publicMessages.map(
      (message): Step => ({ kind: "message", fromCustomer: message.fromCustomer, at: message.at }),
    ),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const runs: { target: SlaTarget; startedAt: Date; end: Date | null; met: boolean }[] = [];
  const open = new Map<SlaTarget, (typeof runs)[number]>();
  const start = (target: SlaTarget, at: Date) => {
    if (allowances[target] === undefined || open.has(target)) return;
    const run = { target, startedAt: at, end: null, met: false };
    runs.push(run);
    open.set(target, run);
  };
  const end = (target: SlaTarget, at: Date, met: boolean) => {
    const run = open.get(target);
    if (!run) return;
    run.end = at;
    run.met = met;
    open.delete(target);
  };

  let status = "new" as TicketStatus;
  let firstResponded = false;
  const pending: Pause[] = [];
  const setStatus = (to: TicketStatus, at: Date) => {
    if (to === status) return;
    if (status === "pending") (pending.at(-1) as Pause).to = at;
    if (to === "pending") pending.push({ from: at, to: null });
    if (status === "resolved" && to !== "closed") start("resolution", at); // reopened
    if (to === "resolved") {
      end("resolution", at, true);
      end("first_response", at, false);
      end("next_response", at, false);
    }
    if (to === "closed") for (const target of [...open.keys()]) end(target, at, false);
    status = to;
  };

  start("first_response", history.createdAt);
  start("resolution", history.createdAt);
  for (const step of steps) {
    if (status === "closed") break;
    if (step.kind === "status") {
      setStatus(step.to, step.at);
    } else if (step.fromCustomer) {
      if (status === "pending" || status === "resolved") setStatus("open", step.at);
      if (firstResponded) start("next_response", step.at);
    } else {
      firstResponded = true;
      end("first_response", step.at, true);
      end("next_response", step.at, true);
    }
  }

  return runs.map((run) => {
    const minutes = allowances[run.target] as number;
    const until = run.end ?? now;
    const pauses = pending
      .filter((pause) => (pause.to === null || pause.to > run.startedAt) && pause.from < until)
      .map((pause) => ({ from: pause.from, to: pause.to }));
    return {
      target: run.target,
      startedAt: run.startedAt,
      minutes,
      pauses,
      dueAt: addBusinessTime(calendar, run.startedAt, minutes * 60, pauses),
      warnAt: addBusinessTime(calendar, run.startedAt, Math.floor(minutes * 60 * AT_RISK_SHARE), pauses),
      metAt: run.met ? run.end : null,
      businessSeconds:
        run.met && run.end ? businessSecondsBetween(calendar, run.startedAt, run.end, pauses) : null,
      stoppedAt: run.end !== null && !run.met ? run.end : null,
    };
  });
}
