import createClient from "openapi-fetch";
import { tokenStore } from "../session/token-store.ts";
import { ApiError } from "./errors.ts";
import type { paths } from "./schema.gen.ts";

/**
 * The typed API client: paths, parameters and bodies come from the OpenAPI document the API
 * generates from its own routes (scripts/api-types.ts), so a breaking route change fails the build.
 */
export const api = createClient<paths>({ baseUrl: "/" });

api.use({
  onRequest({ request }) {
    const token = tokenStore.token();
    if (token) request.headers.set("authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A token that stopped working (expired, password reset, user deactivated) ends the session.
    if (response.status === 401 && tokenStore.token()) tokenStore.clear();
    return response;
  },
});

/** The data of a 2xx answer, or an ApiError carrying the API's code and field messages. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}
