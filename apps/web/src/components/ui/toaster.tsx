import { useSyncExternalStore } from "react";
import { cn } from "./cn.ts";

interface Toast {
  id: number;
  title: string;
  body?: string;
  tone: "info" | "danger";
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

/** Shows a message for a few seconds in the page's live region. */
export function toast(input: Omit<Toast, "id" | "tone"> & { tone?: Toast["tone"] }) {
  const id = nextId++;
  toasts = [...toasts, { id, tone: "info", ...input }];
  emit();
  setTimeout(() => dismiss(id), 8000);
}

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function Toaster(props: { closeLabel: string }) {
  const list = useSyncExternalStore(subscribe, () => toasts);
  return (
    // One live region, present before any toast: each toast inside it is read once. (A role="alert"
    // on each toast as well made some screen readers read it twice.)
    <div
      aria-live="assertive"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
    >
      {list.map((t) => (
        <div
          key={t.id}
          data-toast
          className={cn(
            "pointer-events-auto rounded-md border p-3 shadow-lg",
            t.tone === "danger" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white",
          )}
        >
          <div className="flex items-start justify-between gap-2">
            <p className="text-sm font-semibold">{t.title}</p>
            <button type="button" className="text-sm underline" onClick={() => dismiss(t.id)}>
              {props.closeLabel}
            </button>
          </div>
          {t.body && <p className="mt-1 text-sm">{t.body}</p>}
        </div>
      ))}
    </div>
  );
}
