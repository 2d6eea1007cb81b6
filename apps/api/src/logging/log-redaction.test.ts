import { describe, expect, test } from "bun:test";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { CENSOR, redactSecrets } from "./log-redaction.ts";
import { createLogger } from "./logger.ts";

describe("redactSecrets", () => {
  test("censors secret keys at the top and two levels down, and leaves the caller's object as it was", () => {
    const logged = {
      password: "hunter2",
      user: { email: "a@example.com", passwordHash: "$argon2id$x" },
      req: { headers: { authorization: "Bearer abc", cookie: "s=1", accept: "*/*" } },
      body: "the customer's words",
      ticketId: "t1",
    };
    const before = structuredClone(logged);
    expect(redactSecrets(logged)).toEqual({
      password: CENSOR,
      user: { email: "a@example.com", passwordHash: CENSOR },
      req: { headers: { authorization: CENSOR, cookie: CENSOR, accept: "*/*" } },
      body: CENSOR,
      ticketId: "t1",
    });
    expect(logged).toEqual(before);
  });

  test("returns the same object when it holds no secret", () => {
    const logged = { ticketId: "t1", nested: { count: 2 }, list: [{ token: "kept: arrays are not walked" }] };
    expect(redactSecrets(logged)).toBe(logged);
  });

  test("an error's copy is still an error, with its message, stack and cause, and the secret censored", () => {
    const cause = new Error("socket hang up");
    const error = Object.assign(new TypeError("Resend refused", { cause }), {
      body: "raw response",
      statusCode: 422,
    });
    const redacted = redactSecrets({ err: error }).err;
    expect(redacted).toBeInstanceOf(TypeError);
    expect(redacted.message).toBe("Resend refused");
    expect(redacted.stack).toBe(error.stack);
    expect(redacted.cause).toBe(cause);
    expect(redacted.body).toBe(CENSOR);
    expect(redacted.statusCode).toBe(422);
    expect(error.body).toBe("raw response");
  });

  test("class instances other than errors are left to their serializers", () => {
    const request = new (class Request {
      headers = { authorization: "Bearer abc" };
    })();
    expect(redactSecrets({ req: request }).req).toBe(request);
  });
});

describe("the logger", () => {
  test("writes no secret, in a line's object or an error, through a child too", async () => {
    const file = `${tmpdir()}/log-redaction-${Bun.randomUUIDv7()}.log`;
    const log = createLogger("info", file);
    log.child({ requestId: "r1" }).info({ user: { password: "p" }, body: "b" }, "signed up");
    log.error({ err: Object.assign(new Error("boom"), { body: "response" }) }, "send failed");
    await new Promise((resolve) => log.flush(resolve));
    const text = await Bun.file(file).text();
    await rm(file);
    for (const secret of ['"p"', '"b"', '"response"']) expect(text).not.toContain(secret);
    const [signedUp, failed] = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(signedUp).toMatchObject({
      requestId: "r1",
      user: { password: CENSOR },
      body: CENSOR,
      msg: "signed up",
    });
    expect(failed.err).toMatchObject({ type: "Error", message: "boom", body: CENSOR });
  });
});
