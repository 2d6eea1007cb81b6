import { describe, expect, test } from "bun:test";
import { EnvError, parseEnv } from "./env.ts";

const strongSecret = "s".repeat(48);
const production = { NODE_ENV: "production", JWT_SECRET: strongSecret, OPERATOR_TOKEN: "o".repeat(24) };

/** The EnvError message parseEnv throws for `source` (fails the test if it doesn't throw one). */
function envError(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("parseEnv accepted an environment it should have refused");
}

/** The line of the message about one variable. */
const lineAbout = (message: string, variable: string) =>
  message.split("\n").find((line) => line.trim().startsWith(`${variable} `)) ?? "";

const development = { NODE_ENV: "development" };

describe("without NODE_ENV", () => {
  test("it is production: no known development secret is ever used by default", () => {
    const message = envError({});
    expect(lineAbout(message, "JWT_SECRET")).toContain("required in production");
    expect(lineAbout(message, "OPERATOR_TOKEN")).toContain("required in production");
  });
});

describe("parseEnv in development", () => {
  test("NODE_ENV=development alone works with local defaults", () => {
    const env = parseEnv(development);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      PUBLIC_URL: "http://localhost:3000",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/helpdesk",
      VALKEY_URL: "redis://127.0.0.1:6379",
      JWT_EXPIRES_IN: "12h",
    });
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.OPERATOR_TOKEN.length).toBeGreaterThanOrEqual(16);
  });

  test("an empty-string secret falls back to the development default, never to a blank secret", () => {
    const env = parseEnv({ ...development, JWT_SECRET: "", OPERATOR_TOKEN: "" });
    expect(env.JWT_SECRET).toBe(parseEnv(development).JWT_SECRET);
    expect(env.OPERATOR_TOKEN).toBe(parseEnv(development).OPERATOR_TOKEN);
  });

  test("a short JWT_SECRET given explicitly is refused", () => {
    expect(lineAbout(envError({ JWT_SECRET: "too-short" }), "JWT_SECRET")).toContain(
      "at least 32 characters",
    );
  });
});

describe("parseEnv in production", () => {
  test("works when every secret is given", () => {
    const env = parseEnv(production);
    expect(env.JWT_SECRET).toBe(strongSecret);
    expect(env.NODE_ENV).toBe("production");
  });

  test("a missing JWT_SECRET is named, with what it is for", () => {
    const message = envError({ ...production, JWT_SECRET: undefined });
    const line = lineAbout(message, "JWT_SECRET");
    expect(line).toContain("is required in production");
    expect(line).toContain("signs the API's bearer tokens");
    expect(lineAbout(message, "OPERATOR_TOKEN")).toBe("");
  });

  test("an empty-string JWT_SECRET counts as missing", () => {
    const line = lineAbout(envError({ ...production, JWT_SECRET: "" }), "JWT_SECRET");
    expect(line).toContain("is required in production");
  });

  test("a short JWT_SECRET is refused", () => {
    const line = lineAbout(envError({ ...production, JWT_SECRET: "x".repeat(31) }), "JWT_SECRET");
    expect(line).toContain("must be at least 32 characters");
  });

  test("development defaults never stand in for production secrets", () => {
    const message = envError({ NODE_ENV: "production" });
    expect(lineAbout(message, "JWT_SECRET")).toContain("is required in production");
    expect(lineAbout(message, "OPERATOR_TOKEN")).toContain("is required in production");
  });
});
