import type { Server } from "node:http";

/**
 * How long the server keeps an idle keep-alive connection open. It must outlast the idle timeout
 * of whatever reuses connections in front of it (a load balancer: AWS ALB's is 60 s; a client's
 * pool): with Node's default of 5 s, the server closes a connection just as the other side sends
 * a request on it, and that request fails with ECONNRESET (a proxy answers 502). A POST can't be
 * retried safely, so the server must be the side that waits longer.
 */
export function keepConnectionsAlive(server: Server, idleMs: number): void {
  server.keepAliveTimeout = idleMs;
  // Kept above the keep-alive, the usual advice: some Node versions timed a request's headers from
  // the end of the connection's previous request, which cut off a late request on an idle one.
  server.headersTimeout = Math.max(server.headersTimeout, idleMs + 1_000);
}
