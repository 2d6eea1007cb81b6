import type { ReactNode } from "react";

/** A titled group of settings within a form. */
export function SettingsFieldset(props: { legend: string; intro?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
      <legend className="px-1 text-base font-semibold">{props.legend}</legend>
      {props.intro && <p className="text-sm text-slate-700">{props.intro}</p>}
      {props.children}
    </fieldset>
  );
}
