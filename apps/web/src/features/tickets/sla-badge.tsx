import { Badge, type Tone } from "../../components/ui/badge.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import type { Sla, SlaTarget } from "./ticket-queries.ts";
import { useNow } from "./use-now.ts";

export type SlaState = SlaTarget["state"];
export const slaTargetNames = ["firstResponse", "nextResponse", "resolution"] as const;
export type SlaTargetName = (typeof slaTargetNames)[number];

const tones: Record<SlaState, Tone> = {
  ok: "blue",
  at_risk: "amber",
  breached: "red",
  paused: "grey",
  met: "green",
};

const running = (target: SlaTarget) =>
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
    targets.filter((t) => running(t.target)).sort((a, b) => due(a.target) - due(b.target))[0] ??
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
  if (!running(target)) return { state: target.state, seconds: target.remainingSeconds };
  const seconds = Math.ceil((Date.parse(target.dueAt ?? "") - now) / 1000);
  return { state: seconds <= 0 ? "breached" : target.state, seconds };
}

/**
 * A ticket's SLA at a glance: the nearest deadline (or `target` when given), its state in words and
 * colour, and a countdown that ticks every second on the page's one shared clock.
 */
export function SlaBadge(props: { sla?: Sla; target?: SlaTarget; name?: SlaTargetName }) {
  const picked = props.target ? { target: props.target, name: props.name } : nearestTarget(props.sla ?? null);
  if (!picked) return null;
  return running(picked.target) ? (
    <TickingBadge target={picked.target} name={picked.name} />
  ) : (
    <SlaBadgeView target={picked.target} name={picked.name} state={picked.target.state} />
  );
}

function TickingBadge(props: { target: SlaTarget; name: SlaTargetName | undefined }) {
  const now = useNow();
  const { state, seconds } = liveTarget(props.target, now);
  return <SlaBadgeView {...props} state={state} seconds={seconds} />;
}

function SlaBadgeView(props: {
  target: SlaTarget;
  name: SlaTargetName | undefined;
  state: SlaState;
  seconds?: number;
}) {
  const t = useT(ticketMessages);
  const format = useFormat();
  const { target, name, state } = props;
  const seconds = props.seconds ?? target.remainingSeconds;
  const title = target.dueAt ? t("slaDueAt", { time: format.dateTime(target.dueAt) }) : undefined;
  return (
    <span data-testid="sla-badge" data-state={state} className="inline-flex">
      <Badge tone={tones[state]} {...(title ? { title } : {})} className="gap-1 tabular-nums">
        {name && <span className="sr-only">{t(`target_${name}`)}:</span>}
        <span>{t(`sla_${state}`)}</span>
        {state !== "met" && <span>{format.countdown(seconds)}</span>}
      </Badge>
    </span>
  );
}
