import { type InputHTMLAttributes, useId } from "react";
import { cn } from "./cn.ts";

/**
 * A checkbox with its label beside it, an optional hint under it and the API's (or the form's)
 * message for it, both read out with it.
 */
export function CheckboxField({
  label,
  hint,
  error,
  className,
  ...props
}: { label: string; hint?: string; error?: string | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type"
>) {
  const id = useId();
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <input
        id={id}
        type="checkbox"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className="mt-0.5 size-4 rounded border-slate-400 accent-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        {...props}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="text-sm text-red-700" data-field-error>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
