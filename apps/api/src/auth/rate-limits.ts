import { metricsRegistry } from "@helpdesk/jobs/metrics";
import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import type { NextFunction, Request, Response } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { Counter } from "prom-client";
import { RateLimitedError } from "../lib/errors.ts";
import type { Logger } from "../logging/logger.ts";

const refused = new Counter({
  name: "helpdesk_rate_limit_refused_total",
  help: "Requests refused with 429 by a rate limit, by limit",
  labelNames: ["limit"] as const,
  registers: [metricsRegistry],
});
const unavailable = new Counter({
  name: "helpdesk_rate_limit_unavailable_total",
  help: "Requests let through because the rate-limit counters (Valkey) did not answer, by limit",
  labelNames: ["limit"] as const,
  registers: [metricsRegistry],
});

// INCR, and start the window with the first hit: a fixed window per key, atomic on the server.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

interface RateLimitCommands {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
}

export interface Window {
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetInMs: number;
}

/**
 * A budget of `max` per `windowMs` for each key, counted in Valkey so every API process behind the
 * load balancer shares it. When Valkey does not answer, the limit lets requests through at once
 * (fail open: logging in matters more than counting attempts), and says so in the log and in
 * `helpdesk_rate_limit_unavailable_total`; the connection it is given must fail fast (no offline
 * queue, a command timeout), so an outage adds no wait to a request.
 */
export class RateLimit {
  private lastWarning = 0;

  constructor(
    private readonly valkey: ValkeyConnection,
    readonly options: { name: string; keyPrefix: string; max: number; windowMs: number; log: Logger },
  ) {
    // Sent as EVALSHA (the script's text only when Valkey doesn't know it yet).
    if (!("rateLimitHit" in valkey)) valkey.defineCommand("rateLimitHit", { numberOfKeys: 1, lua: HIT });
  }

  private key(subject: string) {
    return `${this.options.keyPrefix}:rate-limit:${this.options.name}:${subject}`;
  }

  /** Counts one use; undefined when the counters are unreachable. */
  async hit(subject: string): Promise<Window | undefined> {
    return this.counted(async () => {
      const hit = (this.valkey as unknown as RateLimitCommands).rateLimitHit;
      const [count, ttl] = await hit.call(this.valkey, this.key(subject), this.options.windowMs);
      return { count, resetInMs: Math.max(0, ttl) };
    });
  }

  /** The current window without counting. */
  async peek(subject: string): Promise<Window | undefined> {
    return this.counted(async () => {
      const [count, ttl] = await Promise.all([
        this.valkey.get(this.key(subject)),
        this.valkey.pttl(this.key(subject)),
      ]);
      return { count: Number(count ?? 0), resetInMs: Math.max(0, ttl) };
    });
  }

  async reset(subject: string): Promise<void> {
    await this.counted(() => this.valkey.del(this.key(subject)));
  }

  /** Throws RateLimitedError (429 with Retry-After) once the window is over budget. */
  refuseIfOver(window: Window | undefined, message: string): void {
    if (!window || window.count <= this.options.max) return;
    refused.inc({ limit: this.options.name });
    throw new RateLimitedError(message, Math.max(1, Math.ceil(window.resetInMs / 1000)));
  }

  private async counted<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      unavailable.inc({ limit: this.options.name });
      // Once every ten seconds at most: an outage would otherwise log a line per request.
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.options.log.warn(
          { err: error, limit: this.options.name },
          "rate limit unavailable; letting requests through",
        );
      }
      return undefined;
    }
  }
}

/**
 * Express middleware: one hit per request against `limit`, keyed by `subject` (default: the
 * client's address, an IPv6 client by its /56, as one household or host gets). Sets the
 * draft standard `RateLimit` headers; over budget, the error handler answers 429.
 */
export function limitRequests(limit: RateLimit, subject: (req: Request) => string = clientAddress) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const window = await limit.hit(subject(req));
    if (window) {
      const seconds = Math.ceil(window.resetInMs / 1000);
      res.set("RateLimit-Policy", `${limit.options.max};w=${Math.round(limit.options.windowMs / 1000)}`);
      res.set(
        "RateLimit",
        `limit=${limit.options.max}, remaining=${Math.max(0, limit.options.max - window.count)}, reset=${seconds}`,
      );
    }
    limit.refuseIfOver(window, "Too many attempts; try again later");
    next();
  };
}

export const clientAddress = (req: Request) =>
  ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? "unknown");
