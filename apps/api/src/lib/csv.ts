/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field holding a comma, a quote
 * or a line break enclosed in quotes with its quotes doubled.
 *
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a tab or
 * carriage return that some of them skip) is prefixed with `'`, so `=HYPERLINK(…)` in a ticket
 * subject is shown, not run (OWASP "CSV injection"). Numbers and booleans are never formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : ",") + csvField(values[i]);
  return `${line}\r\n`;
}
