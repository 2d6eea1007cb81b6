import type { ReactNode } from "react";
import { cn } from "./cn.ts";

const tones = {
  grey: "bg-slate-200 text-slate-800",
  blue: "bg-blue-100 text-blue-900",
  green: "bg-green-100 text-green-900",
  amber: "bg-amber-200 text-amber-950",
  red: "bg-red-700 text-white",
  violet: "bg-violet-100 text-violet-900",
} as const;

export type Tone = keyof typeof tones;

export function Badge(props: { tone?: Tone; children: ReactNode; className?: string; title?: string }) {
  return (
    <span
      title={props.title}
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        tones[props.tone ?? "grey"],
        props.className,
      )}
    >
      {props.children}
    </span>
  );
}
