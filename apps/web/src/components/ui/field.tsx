import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { cn } from "./cn.ts";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600 aria-invalid:border-red-600";

interface FieldProps {
  label: string;
  /** The API's (or the form's) message for this field, shown under it and announced with it. */
  error?: string | undefined;
  hint?: string;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
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
  );
}

type Labelled = { label: string; error?: string | undefined; hint?: string; fieldClassName?: string };

/** The Field's own props out of a labelled control's. */
const fieldProps = ({ label, error, hint, fieldClassName }: Labelled) => ({
  label,
  error,
  ...(hint ? { hint } : {}),
  ...(fieldClassName ? { className: fieldClassName } : {}),
});

/** What ties a control to its label, hint and error. */
const controlProps = (
  ids: { id: string; describedBy: string | undefined; invalid: boolean },
  className: string | undefined,
) => ({
  id: ids.id,
  "aria-describedby": ids.describedBy,
  "aria-invalid": ids.invalid || undefined,
  className: cn(control, className),
});

export function TextField({
  label,
  error,
  hint,
  fieldClassName,
  className,
  ...props
}: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field {...fieldProps({ label, error, hint, fieldClassName })}>
      {(ids) => <input {...controlProps(ids, className)} {...props} />}
    </Field>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  fieldClassName,
  className,
  ...props
}: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field {...fieldProps({ label, error, hint, fieldClassName })}>
      {(ids) => <textarea {...controlProps(ids, className)} {...props} />}
    </Field>
  );
}

export function SelectField({
  label,
  error,
  hint,
  fieldClassName,
  className,
  ...props
}: Labelled & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field {...fieldProps({ label, error, hint, fieldClassName })}>
      {(ids) => <select {...controlProps(ids, className)} {...props} />}
    </Field>
  );
}
