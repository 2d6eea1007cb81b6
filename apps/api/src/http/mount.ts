import type { Database } from "@helpdesk/db/client";
import type { NextFunction, Request, Response, Router } from "express";
import { z } from "zod";
import type { ActiveUserCache } from "../auth/active-user-cache.ts";
import { authenticate } from "../auth/authenticate.ts";
import type { Limits } from "../auth/limits.ts";
import { isOperator } from "../auth/operator-session.ts";
import type { TokenSettings } from "../auth/tokens.ts";
import type { JobScope, ProductJobs, ServiceContext } from "../context/service-context.ts";
import { AppError, type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from "../lib/errors.ts";
import type { RealtimeEmitter } from "../realtime/emitter.ts";
import type { ExportSettings } from "../storage/export-settings.ts";
import { runIdempotently } from "./idempotency.ts";
import type { RouteSpec } from "./route.ts";

export interface MountDeps {
  limits: Limits;
  db: Database;
  jobs: ProductJobs;
  realtime: RealtimeEmitter;
  users: ActiveUserCache;
  tokens: TokenSettings;
  operatorToken: string;
  exports: ExportSettings;
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
        exports: deps.exports,
        loginFailures: deps.limits.loginFailures,
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
          if (spec.rateLimit) {
            const limit = deps.limits[spec.rateLimit];
            limit.refuseIfOver(await limit.hit(actor.id), "Too many requests; slow down");
          }
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
      if (spec.body) refuseNonJsonBody(req);
      const input = {
        params: params.data,
        query: parseInput(spec.query, req.query, "query"),
        body: parseInput(spec.body, req.body, "body"),
      };
      const status = spec.status ?? 200;
      const run = async (runCtx: unknown) =>
        z.encode(spec.response, await spec.handler(runCtx as never, input as never));
      const key = req.get("idempotency-key");
      if (spec.idempotent && key !== undefined && ctx.actor) {
        const fingerprint = [spec.method, spec.path, input.params, req.body];
        const answer = await runIdempotently(
          ctx as unknown as ServiceContext,
          { key, fingerprint },
          status,
          run,
        );
        if (answer.replayed) res.set("Idempotent-Replayed", "true");
        res.status(answer.status).json(answer.body);
        return;
      }
      res.status(status).json(await run(ctx));
    });
  }
}

/**
 * A body sent as anything but JSON is never read as an empty one: `express.json()` leaves it
 * unparsed, and the route would act on its defaults (e.g. follow as the caller, not as `userId`).
 */
function refuseNonJsonBody(req: Request): void {
  const hasBody =
    req.headers["transfer-encoding"] !== undefined ||
    (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");
  if (hasBody && !req.is("application/json")) {
    throw new AppError(
      415,
      "unsupported_media_type",
      "Send the body as JSON (Content-Type: application/json)",
    );
  }
}

function parseInput(schema: z.ZodType | undefined, value: unknown, location: "query" | "body") {
  if (!schema) return undefined;
  // Checked on what the client sent, before a transform (e.g. trim) could change it.
  const unstorable = unstorableTextIssues(value, location);
  if (unstorable.length > 0) throw new ValidationError(`Invalid ${location}`, { issues: unstorable });
  const result = schema.safeParse(value);
  if (result.success) return result.data;
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

/** Inputs are shallow; a free-form payload nested deeper than this is left to the database. */
const MAX_TEXT_CHECK_DEPTH = 16;

/**
 * Text PostgreSQL can't store as it was sent: U+0000 (refused by text and jsonb), and a lone UTF-16
 * surrogate (stored as U+FFFD, while the answer would echo the original). Each is refused naming
 * the field, instead of failing in the query as a 500 or changing silently.
 */
function unstorableTextIssues(
  value: unknown,
  location: FieldIssue["location"],
  path: string[] = [],
): FieldIssue[] {
  if (typeof value === "string") {
    const problem = value.includes("\u0000")
      ? "must not contain the NUL character"
      : value.isWellFormed()
        ? undefined
        : "must be valid Unicode (it holds a lone surrogate)";
    return problem ? [{ location, path: path.join("."), message: problem }] : [];
  }
  if (value === null || typeof value !== "object" || path.length >= MAX_TEXT_CHECK_DEPTH) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...unstorableTextIssues(key, location, [...path, key]),
    ...unstorableTextIssues(child, location, [...path, key]),
  ]);
}
