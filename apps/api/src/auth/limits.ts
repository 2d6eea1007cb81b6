import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import type { Logger } from "../logging/logger.ts";
import { RateLimit } from "./rate-limits.ts";

const MINUTE = 60_000;

export interface LimitSettings {
  /** Each of sign-up, log-in and the operator's log-in, per client address per minute. */
  authPerMinute: number;
  /** Wrong passwords for one account (organization + e-mail) in 15 minutes, from any address. */
  loginFailuresPerAccount: number;
  /** Messages (replies and notes) one user may post per minute. */
  messagesPerMinute: number;
}

/**
 * Every rate limit of the API, each with a budget of its own: a client that spends its sign-ups
 * can still log in, and guessing the operator token doesn't use up the users' log-ins.
 */
export function createLimits(
  valkey: ValkeyConnection,
  keyPrefix: string,
  settings: LimitSettings,
  log: Logger,
) {
  const limit = (name: string, max: number, windowMs: number) =>
    new RateLimit(valkey, { name, keyPrefix, max, windowMs, log });
  return {
    signUp: limit("signup", settings.authPerMinute, MINUTE),
    logIn: limit("login", settings.authPerMinute, MINUTE),
    operatorLogIn: limit("operator-login", settings.authPerMinute, MINUTE),
    loginFailures: limit("login-failures", settings.loginFailuresPerAccount, 15 * MINUTE),
    messages: limit("messages", settings.messagesPerMinute, MINUTE),
  };
}

export type Limits = ReturnType<typeof createLimits>;
