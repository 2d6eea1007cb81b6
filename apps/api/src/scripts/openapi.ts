/**
 * Prints the OpenAPI document (`bun apps/api/src/scripts/openapi.ts > openapi.json`) without a
 * server, database or Valkey: the web app generates its typed client from it at build time.
 */
import { API_BASE } from "../http/api-base.ts";
import { buildOpenApiDocument } from "../http/openapi.ts";
import { apiRoutes } from "../routes/index.ts";

process.stdout.write(`${JSON.stringify(buildOpenApiDocument(apiRoutes, API_BASE), null, 2)}\n`);
