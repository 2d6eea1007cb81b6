import { Badge, type Tone } from "../../components/ui/badge.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { isRunning, liveTarget, nearestTarget, type SlaState, type SlaTargetName } from "./sla-deadline.ts";
import type { Sla, SlaTarget } from "./ticket-queries.ts";
import { useNow } from "./use-now.ts";

const tones: Record<SlaState, Tone> = {
  ok: "blue",
  at_risk: "amber",
  breached: "red",
  paused: "grey",
  met: "green",
};

/**
 * A ticket's SLA at a glance: the nearest deadline (or `target` when given), its state in words and
 * colour, and a countdown that ticks every second on the page's one shared clock.
 */
export function SlaBadge(props: { sla?: Sla; target?: SlaTarget; name?: SlaTargetName }) {
  const picked = props.target ? { target: props.target, name: props.name } : nearestTarget(props.sla ?? null);
  if (!picked) return null;
  return isRunning(picked.target) ? (
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
