/**
 * A local server speaking the part of Resend's HTTP API that `resend.emails.send` uses, so tests run
 * the real SDK over real HTTP without reaching the internet. It behaves as Resend documents:
 * Bearer auth, `{ statusCode, name, message }` error bodies, and an Idempotency-Key that, used again
 * with the same payload, answers the first e-mail's id without sending it twice (a different payload
 * under a used key is a 409).
 */
export interface StandInRequest {
  method: string;
  path: string;
  /** Lower-cased names, as the Fetch API gives them. */
  headers: Record<string, string>;
  idempotencyKey: string | null;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface DeliveredEmail {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
}

/** An answer to give instead of the stand-in's own; a string body is sent as is (a proxy's HTML page). */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ResendStandIn {
  /** The SDK's `baseUrl` (no trailing slash: the SDK appends paths to it as they are). */
  url: string;
  /** Every request received, scripted answers included, in arrival order. */
  requests: readonly StandInRequest[];
  /** The e-mails Resend would have sent: one per idempotency key. */
  delivered: readonly DeliveredEmail[];
  /** Queues answers for the next requests, in order; while any are queued nothing is delivered. */
  respondWith(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export function startResendStandIn(options: { apiKey?: string } = {}): ResendStandIn {
  const requests: StandInRequest[] = [];
  const delivered: DeliveredEmail[] = [];
  const scripted: ScriptedResponse[] = [];
  const byIdempotencyKey = new Map<string, { id: string; payload: string }>();

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      const headers = Object.fromEntries(req.headers.entries());
      const idempotencyKey = req.headers.get("idempotency-key");
      const raw = await req.text();
      const body = parseJson(raw);
      requests.push({ method: req.method, path, headers, idempotencyKey, body });

      const next = scripted.shift();
      if (next) return scriptedResponse(next);
      if (path !== "/emails")
        return errorResponse(404, "not_found", "The requested endpoint does not exist.");
      if (req.method !== "POST") return errorResponse(405, "method_not_allowed", "Method is not allowed.");

      const token = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
      if (!token)
        return errorResponse(401, "missing_api_key", "Missing API key in the authorization header.");
      if (options.apiKey !== undefined && token !== options.apiKey) {
        return errorResponse(403, "invalid_api_key", "API key is invalid.");
      }

      if (!isObject(body))
        return errorResponse(422, "validation_error", "The request body must be a JSON object.");
      const missing = ["from", "to", "subject"].filter((field) => body[field] === undefined);
      if (missing.length > 0) {
        return errorResponse(422, "missing_required_field", `Missing \`${missing.join("`, `")}\` field.`);
      }

      if (idempotencyKey !== null) {
        const earlier = byIdempotencyKey.get(idempotencyKey);
        if (earlier && earlier.payload !== raw) {
          return errorResponse(
            409,
            "invalid_idempotent_request",
            "Same idempotency key used with a different request payload.",
          );
        }
        if (earlier) return Response.json({ id: earlier.id });
      }
      const id = crypto.randomUUID();
      if (idempotencyKey !== null) byIdempotencyKey.set(idempotencyKey, { id, payload: raw });
      delivered.push({
        id,
        idempotencyKey,
        from: String(body.from),
        to: Array.isArray(body.to) ? body.to.map(String) : String(body.to),
        subject: String(body.subject),
        html: typeof body.html === "string" ? body.html : undefined,
        text: typeof body.text === "string" ? body.text : undefined,
      });
      return Response.json({ id });
    },
  });

  return {
    url: server.url.origin,
    requests,
    delivered,
    respondWith: (...responses) => {
      scripted.push(...responses);
    },
    close: () => server.stop(true),
  };
}

function scriptedResponse(response: ScriptedResponse): Response {
  const init = { status: response.status, headers: response.headers };
  if (typeof response.body === "string") return new Response(response.body, init);
  if (response.body !== undefined) return Response.json(response.body, init);
  if (response.status < 400) return Response.json({ id: crypto.randomUUID() }, init);
  return Response.json(
    errorBody(response.status, defaultErrorName(response.status), "Scripted failure."),
    init,
  );
}

function errorResponse(status: number, name: string, message: string): Response {
  return Response.json(errorBody(status, name, message), { status });
}

/** Resend's error body; the SDK hands it to the caller as `error`, `statusCode` included. */
function errorBody(statusCode: number, name: string, message: string) {
  return { statusCode, name, message };
}

function defaultErrorName(status: number): string {
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 500) return "internal_server_error";
  return "validation_error";
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
