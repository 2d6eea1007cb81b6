import { isoDate } from "../../schemas/common.ts";

/**
 * An instant in a query string (ISO 8601, UTC). Year 0 passes the ISO format but PostgreSQL has no
 * such year: refused here as a 400 on the field rather than failing in the query.
 */
export const queryInstant = isoDate.refine(
  (date) => date.getUTCFullYear() >= 1,
  "must be in year 1 or later",
);
