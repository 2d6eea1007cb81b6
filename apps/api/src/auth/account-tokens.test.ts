import { expect, test } from "bun:test";
import { accountToken, hashAccountToken, newAccountToken } from "./account-tokens.ts";

const secret = "a-secret-of-at-least-thirty-two-characters";
const id = "0193a5b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b";

test("the same row gives the same token (a retried e-mail sends the same link)", () => {
  expect(accountToken(secret, id)).toBe(accountToken(secret, id));
  expect(accountToken(secret, id)).toMatch(/^[\w-]{43}$/);
});

test("another row, or another secret, gives another token", () => {
  const other = "0193a5b2-7c1d-7e3f-8a9b-0c1d2e3f4a5c";
  expect(accountToken(secret, other)).not.toBe(accountToken(secret, id));
  expect(accountToken(`${secret}!`, id)).not.toBe(accountToken(secret, id));
});

test("the row stores the token's SHA-256, not the token", () => {
  const { token, tokenHash } = newAccountToken(secret, id);
  expect(tokenHash).toBe(hashAccountToken(token));
  expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(tokenHash).not.toContain(token);
});
