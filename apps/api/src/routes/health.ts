import type { Database } from "@helpdesk/db/client";
import type { ValkeyConnection } from "@helpdesk/valkey/connection";
import { sql } from "drizzle-orm";
import { Router } from "express";

const CHECK_TIMEOUT_MS = 2_000;

/** `/health` says the process is up (no I/O); `/health/ready` says it can do its work. */
export function healthRouter(deps: { db: Database; valkey: ValkeyConnection }): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/health/ready", async (req, res) => {
    const [postgres, valkey] = await Promise.all([
      check(() => deps.db.execute(sql`select 1`)),
      check(() => deps.valkey.ping()),
    ]);
    const evictionPolicy = valkey.ok ? await maxmemoryPolicy(deps.valkey) : undefined;
    const failed = Object.entries({ postgres, valkey })
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    const ready = failed.length === 0;
    for (const [name, result] of Object.entries({ postgres, valkey })) {
      if (!result.ok) req.log.warn({ err: result.error, service: name }, "readiness check failed");
    }
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "unavailable",
      ...(failed.length ? { failed } : {}),
      checks: {
        postgres: postgres.report,
        valkey: {
          ...valkey.report,
          ...(evictionPolicy && evictionPolicy !== "noeviction"
            ? {
                maxmemoryPolicy: evictionPolicy,
                warning:
                  "maxmemory-policy is not noeviction: Valkey may evict queued jobs under memory pressure",
              }
            : {}),
        },
      },
    });
  });
  return router;
}

async function check(probe: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS).unref()),
    ]);
    return { ok: true, report: { status: "ok", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    // The client library's text stays in the logs: a public probe learns only that it failed.
    return { ok: false, report: { status: "error" }, error };
  }
}

/** Managed Valkey services may refuse CONFIG; then the policy is simply not reported. */
async function maxmemoryPolicy(valkey: ValkeyConnection): Promise<string | undefined> {
  try {
    const reply = (await valkey.config("GET", "maxmemory-policy")) as string[];
    return reply[1];
  } catch {
    return undefined;
  }
}
