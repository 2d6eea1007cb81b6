import type { ReactNode, ThHTMLAttributes } from "react";
import { cn } from "./cn.ts";

/**
 * A table of records: it scrolls sideways on a narrow screen rather than squeezing its columns, and
 * its caption names it for screen readers (sighted readers have the heading above it).
 */
export function DataTable(props: { caption: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("overflow-x-auto", props.className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}

/** The header row: one ColumnHeader per column. */
export function ColumnHeaders(props: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>{props.children}</tr>
    </thead>
  );
}

export function ColumnHeader({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase",
        className,
      )}
      {...props}
    />
  );
}
