import { z } from "zod";

/**
 * The canonical id of an IANA time zone, or undefined. Offsets (`+01:00`) are refused: they know no
 * daylight saving time, an organization's clock does.
 */
export function ianaZone(value: string): string | undefined {
  if (/^[+-]/.test(value)) return undefined;
  try {
    return new Temporal.ZonedDateTime(0n, value).timeZoneId;
  } catch {
    return undefined;
  }
}

/** A request field holding a time zone: validated, and stored under its canonical id. */
export const timeZoneInput = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const id = ianaZone(value);
    if (id === undefined)
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone, e.g. Europe/Paris" });
    return id ?? value;
  });
