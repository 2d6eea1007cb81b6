/** A 0–100 progress bar that assistive technology reads as one (value, and words when given). */
export function ProgressBar(props: { value: number; label: string; valueText?: string }) {
  const value = Math.min(100, Math.max(0, Math.round(props.value)));
  return (
    <div
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={props.valueText}
      className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full rounded-full bg-indigo-700 transition-[width]" style={{ width: `${value}%` }} />
    </div>
  );
}
