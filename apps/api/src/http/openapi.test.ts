import { describe, expect, test } from "bun:test";
import { apiRoutes } from "../routes/index.ts";
import { API_BASE } from "./api-base.ts";
import { buildOpenApiDocument } from "./openapi.ts";

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}

const document = buildOpenApiDocument(apiRoutes, API_BASE);
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

describe("OpenAPI document", () => {
  test("lists every declared route once", () => {
    expect(operations).toHaveLength(apiRoutes.length);
  });

  test("every operation has a unique camelCase operationId", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([]);
  });

  test("every operation declares its security: a bearer token, or none when public", () => {
    const undeclared = operations.filter(({ operation }) => !Array.isArray(operation.security));
    expect(undeclared.map(({ name }) => name)).toEqual([]);
    for (const spec of apiRoutes) {
      const path = API_BASE + spec.path.replace(/:(\w+)/g, "{$1}");
      const { security } = (document.paths[path] as Record<string, Operation>)[spec.method] ?? {};
      expect(security).toEqual(spec.access === "public" ? [] : [{ bearerAuth: [] }]);
    }
  });
});
