import { describe, expect, test } from "bun:test";
import { signToken, verifyToken } from "./tokens.ts";

const secret = "a-secret-for-this-test-only-0123456789abcdef";
const claims = { userId: crypto.randomUUID(), organizationId: crypto.randomUUID() };

describe("verified-token cache", () => {
  test("a verified token is answered from the cache, and a tampered copy of it is still refused", async () => {
    const token = await signToken(claims, secret, "1h");
    const first = await verifyToken(token, secret);
    expect(first).toMatchObject(claims);
    expect(await verifyToken(token, secret)).toBe(first);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    await expect(verifyToken(`${header}.${payload}.${flipped}`, secret)).rejects.toThrow("Invalid token");
  });

  test("a token verified under one secret is not accepted under another", async () => {
    const token = await signToken(claims, secret, "1h");
    await verifyToken(token, secret);
    await expect(verifyToken(token, `${secret}-rotated`)).rejects.toThrow("Invalid token");
  });
});
