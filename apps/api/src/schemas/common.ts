import { z } from "zod";
import { passwordProblem } from "../auth/password-policy.ts";

/**
 * The small zod pieces every route and service shares: dates, ids, e-mail, password, names and the
 * shape of a page. Response shapes per entity sit next to this file.
 */

/** Dates travel as ISO-8601 strings and are Date objects in code. */
export const isoDate = z.codec(z.iso.datetime(), z.date(), {
  decode: (value) => new Date(value),
  encode: (value) => value.toISOString(),
});

export const idParam = z.object({ id: z.uuid() });

export const email = z
  .email({ error: "must be an e-mail address" })
  .max(254)
  .transform((value) => value.toLowerCase());
/** A password someone chooses (sign-up, a new user, a change): the policy is auth/password-policy.ts. */
export const password = z
  .string()
  .max(200)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
export const personName = z.string().trim().min(1).max(100);

/** A page of a keyset-paginated list; `nextCursor` is null on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });
