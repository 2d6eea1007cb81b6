import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/**
 * The whole environment of the product, parsed once per process.
 *
 * With NODE_ENV=development or test (`bun run dev` and the tests set it), defaults point at the
 * services on the local machine so a fresh clone just works. Otherwise, and when NODE_ENV is unset,
 * it is production: every secret must be given, and a missing one stops the boot with a message
 * naming the variable and what it is for.
 */
const DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef";
const DEV_OPERATOR_TOKEN = "dev-operator-token";

const secret = (purpose: string) =>
  z
    .string({ error: `is required in production: ${purpose}` })
    .min(1, { error: `must not be empty: ${purpose}` });

const baseSchema = z.object({
  /** Unset means production: development defaults (known secrets) must be asked for, never fallen into. */
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().min(1).default("postgres://postgres@127.0.0.1:5432/helpdesk"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  VALKEY_URL: z.string().min(1).default("redis://127.0.0.1:6379"),
  /** Prefix of every queue key. Wrap it in braces (`{helpdesk}`) on Valkey Cluster: see docs/jobs.md. */
  QUEUE_PREFIX: z.string().min(1).default("helpdesk"),
  JWT_SECRET: secret("signs the API's bearer tokens (HS256); at least 32 random characters").min(32, {
    error: "must be at least 32 characters (it signs the API's bearer tokens)",
  }),
  JWT_EXPIRES_IN: z
    .string()
    .regex(/^\d+\s*[smhd]$/, { error: "must look like 15m, 12h or 7d" })
    .default("12h"),
  OPERATOR_TOKEN: secret(
    "logs the platform operator into the job dashboard and cross-organization job routes",
  ).min(16, { error: "must be at least 16 characters (it grants platform-operator access)" }),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).default("Helpdesk <support@helpdesk.localhost>"),
  /** Base of links in e-mails (the web app); defaults to PUBLIC_URL. */
  APP_URL: z.url().optional(),
  /**
   * The web app: `built` serves apps/web's build (WEB_DIST_DIR), `dev` Vite with hot reload (what
   * `bun run dev` uses), `off` none (an API-only process). Default: `dev` in development, else `built`.
   */
  WEB_APP: z.enum(["built", "dev", "off"]).optional(),
  /** Where `bun run build` put the web app; the default is apps/web/dist of this checkout. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** A burst of replies is e-mailed once the ticket has been quiet this long (at most 10 minutes). */
  EMAIL_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** The longest a burst of replies waits for quiet before it is e-mailed anyway. */
  EMAIL_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(600_000),
  /** Resend's quota: the email queue's limiter, shared by every worker process. */
  EMAIL_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(2),
  WORKERS: z.enum(["on", "off"]).default("on"),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): the client IP drives the
   * rate limits, so trusting a header anyone can send would let a client pick its own budget.
   * Default: none, the peer's address is the client's. Behind a load balancer: its hop count (`1`)
   * or its addresses (docs/deployment.md).
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value === "false" ? false : value)),
  /** Sign-ups, log-ins and operator log-ins per client address per minute, each a budget of its own. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Wrong passwords for one account in 15 minutes before its log-ins answer 429, from any address. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Messages one user may post per minute. */
  MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Job lock and stall check (docs/jobs.md): a killed worker's job is taken over within their sum. */
  JOB_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).default(30_000),
  JOB_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  /**
   * How long an idle keep-alive HTTP connection stays open: longer than the load balancer's own
   * idle timeout (AWS ALB: 60 s), or requests on connections the API is closing are reset.
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(65_000),
  /** How long a request's body may take to arrive before its connection is closed. */
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** On SIGTERM, how long active jobs may run on before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  /**
   * Where CSV exports are written unless S3_BUCKET is set. The API serves the files the workers
   * write: processes on different hosts need it shared (a volume), or S3.
   */
  EXPORT_DIR: z.string().min(1).default(join(tmpdir(), "helpdesk-exports")),
  /**
   * Days a finished or failed export's file is kept. At most 7: a file of customer data is not left
   * lying around; download links themselves last an hour, whatever this is.
   */
  EXPORT_TTL_DAYS: z.coerce.number().int().min(1).max(7).default(7),
  /** Signs local export download links. Optional: derived from JWT_SECRET when unset. */
  EXPORT_URL_SECRET: z
    .string()
    .min(32, { error: "must be at least 32 characters (it signs download links)" })
    .optional(),
  /** S3-compatible storage for exports, used when S3_BUCKET is set (docs/deployment.md). */
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof baseSchema> & {
  PUBLIC_URL: string;
  APP_URL: string;
  WEB_APP: "built" | "dev" | "off";
};

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const given = stripEmpty(source);
  const local = given.NODE_ENV === "development" || given.NODE_ENV === "test";
  const input = local ? { JWT_SECRET: DEV_JWT_SECRET, OPERATOR_TOKEN: DEV_OPERATOR_TOKEN, ...given } : given;
  const result = baseSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    PUBLIC_URL: publicUrl,
    APP_URL: env.APP_URL ?? publicUrl,
    WEB_APP: env.WEB_APP ?? (env.NODE_ENV === "development" ? "dev" : "built"),
  };
}

/** An empty variable (`JWT_SECRET=`) counts as missing, so it can never become a blank secret. */
function stripEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
}

let cached: Env | undefined;

/** The process's environment, parsed on first use; a bad one fails fast with every problem listed. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
