import { z } from "zod";
import type { RouteSpec } from "./route.ts";

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 is OpenAPI 3.1's dialect; only the `$schema` marker has to go. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: jsonSchema(errorSchema, "output") } },
});

const idempotencyKeyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Any unique string (a UUID). A retry with the same key and body within 24 hours gets the first answer again (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body answers 422.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

/** Query and path parameters come from the properties of the route's object schemas. */
function parameters(schema: z.ZodType | undefined, location: "query" | "path") {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function operation(spec: RouteSpec) {
  const secured = spec.access !== "public";
  const responses: Record<string, unknown> = {
    [String(spec.status ?? 200)]:
      spec.status === 204
        ? { description: "Success, no content" }
        : {
            description: "Success",
            // The wire format is the codec's input side (ISO strings), which is what z.encode produces.
            content: { "application/json": { schema: jsonSchema(spec.response, "input") } },
          },
  };
  if (spec.body || spec.query)
    responses["400"] = errorResponse("Invalid input; `details.issues` lists each field");
  if (secured) {
    responses["401"] = errorResponse("Missing, invalid or expired token, or inactive user");
    responses["403"] = errorResponse(
      `The caller's role is not one of: ${(spec.access as string[]).join(", ")}`,
    );
  }
  if (spec.params) responses["404"] = errorResponse("No such resource in the caller's organization");
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    // An empty list says "no credentials" outright, rather than leaving a reader to guess.
    ...(secured ? { security: [{ bearerAuth: [] }], "x-roles": spec.access } : { security: [] }),
    parameters: [
      ...parameters(spec.params, "path"),
      ...parameters(spec.query, "query"),
      ...(spec.idempotent ? [idempotencyKeyHeader] : []),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(spec.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the same route declarations the API enforces. */
export function buildOpenApiDocument(specs: readonly RouteSpec[], basePath: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = basePath + spec.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][spec.method] = operation(spec);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Helpdesk API",
      version: "1.0.0",
      description:
        "Multi-tenant helpdesk. Authenticate with `POST /api/v1/auth/login` and send `Authorization: Bearer <token>`.",
    },
    // Relative: the API answers on whatever origin served this document (paths carry /api/v1).
    servers: [{ url: "/" }],
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    paths,
  };
}
