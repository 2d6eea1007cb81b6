import { ApiError } from "../../api/errors.ts";

export const payloadText = (payload: unknown) => JSON.stringify(payload, null, 2);

/**
 * The edited payload, checked before it is sent: JSON, and an object as the API requires (it then
 * checks it against the job's own schema).
 */
export function parsePayload(
  text: string,
): { payload: Record<string, unknown> } | { problem: "json"; reason: string } | { problem: "object" } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: "json", reason: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "object" };
  return { payload: value as Record<string, unknown> };
}

/** The API's messages about the payload, each named by its field inside it ("ticketId: Invalid UUID"). */
export function payloadFieldErrors(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = Object.entries(error.fields)
    .filter(([path]) => path === "payload" || path.startsWith("payload."))
    .map(([path, message]) =>
      path === "payload" ? message : `${path.slice("payload.".length)}: ${message}`,
    );
  return messages.length ? messages.join("; ") : undefined;
}
