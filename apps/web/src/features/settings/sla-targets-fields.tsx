import { useId } from "react";
import { fieldError } from "../../api/errors.ts";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { SettingsFieldset } from "./settings-fieldset.tsx";
import type { Draft } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";
import { SlaTargetsGrid } from "./sla-targets-grid.tsx";

const MAX_TARGET_MINUTES = 525_600;
const cell = "px-2 py-1.5 text-left align-top";

/** Minutes per priority and target, one input each; an empty one is no deadline. */
export function SlaTargetsFields(props: {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  error: unknown;
}) {
  const t = useT(slaMessages);
  const tt = useT(ticketMessages);
  const format = useFormat();
  const baseId = useId();
  const { targets } = props.draft;
  return (
    <SettingsFieldset legend={t("targets")} intro={t("targetsIntro")}>
      <div className="overflow-x-auto">
        <SlaTargetsGrid
          cellClassName={cell}
          rowHeaderClassName="pt-3"
          cell={(priority, key) => {
            const name = `targets.${priority}.${key}`;
            const problem = fieldError(props.error, name);
            const value = targets[priority][key];
            const minutes = Number(value);
            const hintId = `${baseId}-${priority}-${key}`;
            const readable = value !== "" && Number.isInteger(minutes) && minutes > 0;
            return (
              <>
                <input
                  type="number"
                  name={name}
                  min={1}
                  max={MAX_TARGET_MINUTES}
                  step={1}
                  inputMode="numeric"
                  aria-label={t("targetLabel", {
                    priority: tt(`priority_${priority}`),
                    target: t(`target_${key}`),
                  })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={hintId}
                  value={value}
                  onChange={(event) =>
                    props.change({
                      targets: {
                        ...targets,
                        [priority]: { ...targets[priority], [key]: event.target.value },
                      },
                    })
                  }
                  className="w-28 rounded-md border bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-indigo-600 aria-invalid:border-red-600"
                />
                <p id={hintId} className="min-h-4 text-xs text-slate-600">
                  {problem ? (
                    <span className="text-sm text-red-700" data-field-error>
                      {problem}
                    </span>
                  ) : readable ? (
                    format.businessMinutes(minutes)
                  ) : (
                    ""
                  )}
                </p>
              </>
            );
          }}
        />
      </div>
    </SettingsFieldset>
  );
}
