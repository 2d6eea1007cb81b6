import type { Database } from "@helpdesk/db/client";
import type { NextFunction, Request, Response, Router } from "express";
import { z } from "zod";
import type { Actor } from "../context.ts";
import { type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { authenticate } from "./authenticate.ts";
import type { RouteSpec } from "./route.ts";

export interface MountDeps {
  db: Database;
  jwtSecret: string;
}

/** Registers each declared route on the router: authenticate, authorize, validate, run, encode. */
export function mountRoutes(router: Router, specs: readonly RouteSpec[], deps: MountDeps): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response, _next: NextFunction) => {
      let actor: Actor | undefined;
      if (spec.access !== "public") {
        actor = await authenticate(req, deps.db, deps.jwtSecret);
        if (!spec.access.includes(actor.role)) throw new ForbiddenError();
        req.log = req.log.child({ userId: actor.id, organizationId: actor.organizationId });
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
      const ctx = { db: deps.db, log: req.log, actor };
      const result = await spec.handler(ctx as never, input as never);
      res.status(spec.status ?? 200).json(z.encode(spec.response, result));
    });
  }
}

function parseInput(schema: z.ZodType | undefined, value: unknown, location: "query" | "body") {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue): FieldIssue => ({
      location,
      path: issue.path.join("."),
      message: issue.message,
    }),
  );
  throw new ValidationError(`Invalid ${location}`, { issues });
}
