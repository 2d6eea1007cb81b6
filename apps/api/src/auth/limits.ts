import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import type { Request } from "express";
import type { Logger } from "../logging/logger.ts";
import { RateLimit } from "./rate-limits.ts";

const MINUTE = 60_000;
/**
 * Reset e-mails one account (organization + e-mail, existing or not) may be sent an hour, from any
 * address: a flood of requests can't bury someone's inbox.
 */
export const PASSWORD_RESETS_PER_ACCOUNT = 5;

export interface LimitSettings {
  /**
   * Each of sign-up, log-in, the operator's log-in, password-reset requests and confirmations,
   * per client address per minute.
   */
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
    passwordReset: limit("password-reset", settings.authPerMinute, MINUTE),
    passwordResetConfirm: limit("password-reset-confirm", settings.authPerMinute, MINUTE),
    passwordResetsPerAccount: limit("password-reset-account", PASSWORD_RESETS_PER_ACCOUNT, 60 * MINUTE),
  };
}

export type Limits = ReturnType<typeof createLimits>;

/** The account a password-reset request names, as the service reads it (trimmed, lower-cased). */
export const resetAccount = (req: Request) => {
  const body = (req.body ?? {}) as { organizationSlug?: unknown; email?: unknown };
  return `${String(body.organizationSlug).trim().toLowerCase()}:${String(body.email).toLowerCase()}`;
};
