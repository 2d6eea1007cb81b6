import type { ReactNode } from "react";
import { cn } from "./cn.ts";
import { useDocumentTitle } from "./use-document-title.ts";

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white p-4 shadow-xs", props.className)}>
      {(props.title || props.actions) && (
        <header className="mb-3 flex items-center justify-between gap-2">
          {props.title && <h2 className="text-base font-semibold">{props.title}</h2>}
          {props.actions}
        </header>
      )}
      {props.children}
    </section>
  );
}

/** The page's h1, which also names the browser tab when it is plain text. */
export function PageTitle(props: { children: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(typeof props.children === "string" ? props.children : undefined);
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{props.children}</h1>
      {props.actions}
    </div>
  );
}

/** Shown while a query loads: announced to screen readers, no layout jump. */
export function Loading(props: { label: string }) {
  return (
    <p role="status" className="py-6 text-center text-sm text-slate-600">
      {props.label}
    </p>
  );
}

export function ErrorMessage(props: { error: unknown }) {
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {message}
    </p>
  );
}
