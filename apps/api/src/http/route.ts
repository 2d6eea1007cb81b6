import type { UserRole } from "@helpdesk/db/schema";
import type { z } from "zod";
import type { JobAdminContext, PublicContext, ServiceContext } from "../context/service-context.ts";

export type Method = "get" | "post" | "patch" | "put" | "delete";
/**
 * Who may call a route: anyone, or authenticated users with one of these roles. `operator` is the
 * platform operator (bearer OPERATOR_TOKEN); routes open to it get a JobAdminContext with a scope.
 */
export type Access = "public" | readonly (UserRole | "operator")[];

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type HandlerContext<A extends Access> = A extends "public"
  ? PublicContext
  : A extends readonly (infer R)[]
    ? "operator" extends R
      ? JobAdminContext
      : ServiceContext
    : never;

/**
 * One API route, declared once: the Express handler validates with these schemas, and the OpenAPI
 * document is generated from the same declaration, so the docs cannot drift from what is enforced.
 */
export interface RouteSpec<
  A extends Access = Access,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Express syntax (`/tickets/:id`), relative to /api/v1. */
  path: string;
  /**
   * Unique across the API, camelCase verb first (`listTickets`, `addTicketMessage`): generated
   * clients name their methods after it, so renaming one is a breaking change for them.
   */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  body?: B;
  query?: Q;
  /**
   * Creates something: a client may send `Idempotency-Key`, and a retry with it gets the first
   * answer again instead of creating a second one (http/idempotency.ts).
   */
  idempotent?: true;
  /** A per-user budget this route spends one of per call (over it: 429 with Retry-After). */
  rateLimit?: "messages";
  /** A path parameter that fails its schema answers 404: a malformed id names no resource. */
  params?: P;
  /** Encoded (dates → ISO strings, unknown keys dropped) before it is sent, so no stray column leaks. */
  response: R;
  status?: number;
  handler: (
    ctx: HandlerContext<A>,
    input: { body: Parsed<B>; query: Parsed<Q>; params: Parsed<P> },
  ) => Promise<z.output<R>>;
}

/** Identity at run time; it exists so TypeScript infers each route's input and output types. */
export function route<
  const A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<A, B, Q, P, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}
