import { metricsRegistry } from "@helpdesk/jobs/metrics";
import type { NextFunction, Request, Response } from "express";
import { Histogram } from "prom-client";
import { isOperator } from "../auth/operator-session.ts";

const httpDuration = new Histogram({
  name: "helpdesk_http_request_duration_seconds",
  help: "HTTP request duration by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Labels by route pattern (`/tickets/:id`), not URL, so the number of series stays bounded. */
export function measureRequests(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer({ method: req.method });
  res.on("finish", () => {
    const pattern = req.route?.path;
    end({ route: pattern ? `${req.baseUrl}${pattern}` : "unmatched", status: String(res.statusCode) });
  });
  next();
}

/**
 * Prometheus text. Queue depths are platform-wide, so the endpoint needs the operator token
 * (Prometheus: `authorization: { credentials: <OPERATOR_TOKEN> }`).
 */
export function metricsHandler(operatorToken: string) {
  return async (req: Request, res: Response) => {
    if (!isOperator(req, operatorToken)) {
      res.status(401).json({
        error: {
          code: "unauthorized",
          message: "Metrics need the operator token",
          requestId: String(req.id),
        },
      });
      return;
    }
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  };
}
