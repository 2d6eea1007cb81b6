import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createResendTransport } from "./resend-transport.ts";
import { type ResendStandIn, startResendStandIn } from "./testing/resend-stand-in.ts";
import {
  EmailRateLimitedError,
  EmailRejectedError,
  EmailTemporaryError,
  type EmailTransport,
  type OutgoingEmail,
} from "./transport.ts";

/** The real `resend` SDK over real HTTP, against the local stand-in for Resend's API. */

const API_KEY = "re_test_123";
const email: OutgoingEmail = {
  from: "Helpdesk <notifications@helpdesk.test>",
  to: "camille@example.com",
  subject: "Ticket #42 assigned to you: Printer on fire",
  html: "<p>Hello Camille,</p>",
  text: "Hello Camille,",
};

let standIn: ResendStandIn;
let transport: EmailTransport;

beforeEach(() => {
  standIn = startResendStandIn({ apiKey: API_KEY });
  transport = createResendTransport({ apiKey: API_KEY, baseUrl: standIn.url });
});
afterEach(() => standIn.close());

function key(): string {
  return `email:${crypto.randomUUID()}`;
}

async function sendError(idempotencyKey = key()): Promise<unknown> {
  return transport.send(email, { idempotencyKey }).then(
    () => null,
    (error: unknown) => error,
  );
}

describe("createResendTransport: success", () => {
  test("sends the e-mail with the API key and the idempotency key", async () => {
    const idempotencyKey = key();
    const result = await transport.send(email, { idempotencyKey });

    expect(transport.name).toBe("resend");
    expect(standIn.delivered).toEqual([{ id: result.id, idempotencyKey, ...email }]);
    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/emails");
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers["idempotency-key"]).toBe(idempotencyKey);
    expect(request?.body).toMatchObject(email);
  });

  test("the same idempotency key twice delivers once and answers the same id", async () => {
    const idempotencyKey = key();
    const first = await transport.send(email, { idempotencyKey });
    const second = await transport.send(email, { idempotencyKey });

    expect(second.id).toBe(first.id);
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.delivered).toHaveLength(1);
  });

  test("a retry after a rate limit delivers once", async () => {
    const idempotencyKey = key();
    standIn.respondWith({ status: 429, headers: { "retry-after": "1" } });
    expect(await sendError(idempotencyKey)).toBeInstanceOf(EmailRateLimitedError);
    const { id } = await transport.send(email, { idempotencyKey });

    expect(standIn.delivered.map((delivered) => delivered.id)).toEqual([id]);
  });
});

describe("createResendTransport: errors", () => {
  test("429 becomes EmailRateLimitedError with Retry-After in milliseconds", async () => {
    standIn.respondWith({
      status: 429,
      headers: { "retry-after": "3" },
      body: { name: "rate_limit_exceeded", message: "Too many requests", statusCode: 429 },
    });
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 3000 });
    expect(standIn.delivered).toHaveLength(0);
  });

  test("429 without Retry-After waits one second", async () => {
    standIn.respondWith({ status: 429 });
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 1000 });
  });

  test("500 becomes EmailTemporaryError", async () => {
    standIn.respondWith({ status: 500 });
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect(error).toMatchObject({ status: 500 });
  });

  test("a 502 HTML page from a proxy becomes EmailTemporaryError", async () => {
    standIn.respondWith({
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<h1>Bad gateway</h1>",
    });
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect(error).toMatchObject({ status: 502 });
  });

  test("422 becomes EmailRejectedError with Resend's message", async () => {
    standIn.respondWith({
      status: 422,
      body: { name: "validation_error", message: "Invalid `to` field", statusCode: 422 },
    });
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailRejectedError);
    expect(error).toMatchObject({ status: 422 });
    expect(String(error)).toContain("Invalid `to` field");
  });

  test("a wrong API key (403) is retried, not blamed on the message", async () => {
    const wrongKey = createResendTransport({ apiKey: "re_wrong", baseUrl: standIn.url });
    const error = await wrongKey.send(email, { idempotencyKey: key() }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect(error).toMatchObject({ status: 403 });
    expect(standIn.delivered).toHaveLength(0);
  });

  test("a key reused for another e-mail is rejected (409), a concurrent request with it is retried", async () => {
    const idempotencyKey = key();
    await transport.send(email, { idempotencyKey });
    const reused = await transport.send({ ...email, subject: "Something else" }, { idempotencyKey }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(reused).toBeInstanceOf(EmailRejectedError);
    expect(reused).toMatchObject({ status: 409 });

    standIn.respondWith({
      status: 409,
      body: { name: "concurrent_idempotent_requests", message: "Request in progress", statusCode: 409 },
    });
    expect(await sendError()).toBeInstanceOf(EmailTemporaryError);
  });

  test("no answer at all (connection refused) becomes EmailTemporaryError without a status", async () => {
    await standIn.close();
    const error = await sendError();
    expect(error).toBeInstanceOf(EmailTemporaryError);
    expect(error).toMatchObject({ status: null });
  });
});
