/** A day in milliseconds: the unit of every retention, expiry and auto-close setting. */
export const DAY_MS = 86_400_000;
