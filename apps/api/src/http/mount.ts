import type { Database } from "@helpdesk/db/client";
import type { NextFunction, Request, Response, Router } from "express";
import { z } from "zod";
import type { ActiveUserCache } from "../auth/active-user-cache.ts";
import { authenticate } from "../auth/authenticate.ts";
import { isOperator } from "../auth/operator-session.ts";
import type { TokenSettings } from "../auth/tokens.ts";
import type { JobScope, ProductJobs } from "../context/service-context.ts";
import { type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from "../lib/errors.ts";
import type { RealtimeEmitter } from "../realtime/emitter.ts";
import type { RouteSpec } from "./route.ts";

export interface MountDeps {
  db: Database;
  jobs: ProductJobs;
  realtime: RealtimeEmitter;
  users: ActiveUserCache;
  tokens: TokenSettings;
  operatorToken: string;
}

/** Registers each declared route on the router: authenticate, authorize, validate, run, encode. */
export function mountRoutes(router: Router, specs: readonly RouteSpec[], deps: MountDeps): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response, _next: NextFunction) => {
      const ctx: Record<string, unknown> = {
        db: deps.db,
        jobs: deps.jobs,
        realtime: deps.realtime,
        log: req.log,
        tokens: deps.tokens,
      };
      if (spec.access !== "public") {
        const allowed: readonly string[] = spec.access;
        if (allowed.includes("operator") && isOperator(req, deps.operatorToken)) {
          ctx.scope = { kind: "operator" } satisfies JobScope;
          req.log = req.log.child({ operator: true });
        } else {
          const actor = await authenticate(req, deps.users, deps.tokens.secret);
          if (!allowed.includes(actor.role)) throw new ForbiddenError();
          req.log = req.log.child({ userId: actor.id, organizationId: actor.organizationId });
          ctx.actor = actor;
          ctx.scope = {
            kind: "organization",
            organizationId: actor.organizationId,
            userId: actor.id,
          } satisfies JobScope;
        }
        ctx.log = req.log;
      }
      const params = spec.params
        ? spec.params.safeParse(req.params)
        : { success: true as const, data: undefined };
      if (!params.success) throw new NotFoundError("Resource");
      const input = {
        params: params.data,
        query: parseInput(spec.query, req.query, "query"),
        body: parseInput(spec.body, req.body, "body"),
      };
      const result = await spec.handler(ctx as never, input as never);
      res.status(spec.status ?? 200).json(z.encode(spec.response, result));
    });
  }
}

function parseInput(schema: z.ZodType | undefined, value: unknown, location: "query" | "body") {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) {
    const nul = nulCharacterIssues(result.data, location);
    if (nul.length === 0) return result.data;
    throw new ValidationError(`Invalid ${location}`, { issues: nul });
  }
  const issues = result.error.issues.flatMap((issue): FieldIssue[] =>
    // zod reports unknown keys of a strict object on the object itself; name each key instead.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          location,
          path: [...issue.path, key].join("."),
          message: "is not a known field",
        }))
      : [{ location, path: issue.path.join("."), message: issue.message }],
  );
  throw new ValidationError(`Invalid ${location}`, { issues });
}

/** Parsed inputs are shallow; a free-form payload nested deeper than this is left to the database. */
const MAX_NUL_CHECK_DEPTH = 16;

/**
 * PostgreSQL text and jsonb can't hold U+0000: a string carrying one is refused here, naming the
 * field, instead of failing in the query as a 500.
 */
function nulCharacterIssues(
  value: unknown,
  location: FieldIssue["location"],
  path: string[] = [],
): FieldIssue[] {
  if (typeof value === "string") {
    return value.includes("\u0000")
      ? [{ location, path: path.join("."), message: "must not contain the NUL character" }]
      : [];
  }
  if (value === null || typeof value !== "object" || path.length >= MAX_NUL_CHECK_DEPTH) return [];
  return Object.entries(value).flatMap(([key, child]) => nulCharacterIssues(child, location, [...path, key]));
}
