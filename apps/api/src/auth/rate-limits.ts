import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";

/**
 * Per-IP limit on sign-up and log-in (password guessing, sign-up spam). Counted in Valkey so every
 * API process behind the load balancer shares one budget per client.
 */
export function authRateLimit(valkey: ValkeyConnection, options: { perMinute: number; keyPrefix: string }) {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // Fail open: when Valkey is unreachable, logging in matters more than counting attempts.
    passOnStoreError: true,
    store: new RedisStore({
      prefix: `${options.keyPrefix}:rate-limit:auth:`,
      sendCommand: (command: string, ...args: string[]) => valkey.call(command, ...args) as never,
    }),
    handler: (req, res) => {
      res.status(429).json({
        error: {
          code: "rate_limited",
          message: "Too many attempts; try again in a minute",
          requestId: String(req.id),
        },
      });
    },
  });
}
