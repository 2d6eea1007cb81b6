import { existsSync } from "node:fs";
import { type AppProcess, startAppProcess } from "../../../api/src/testing/processes.ts";

/** What the server will serve: WEB_DIST_DIR if set (as the server reads it), else apps/web/dist. */
const distIndex = `${process.env.WEB_DIST_DIR ?? new URL("../../dist", import.meta.url).pathname}/index.html`;

export interface WebAppServer {
  /** `http://127.0.0.1:<port>`: the web app, the API and the socket on one origin. */
  url: string;
  process: AppProcess;
  stop(): Promise<number>;
}

/** A free TCP port: the server needs its port before it starts, because e-mail links carry it. */
function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
}

/**
 * The real server (`apps/api/src/server.ts`) as a child process serving the built web app, with its
 * workers, on this test file's database and queue prefix (the test preload put them in the env).
 * PUBLIC_URL is its own address, so the links in the e-mails it sends open on it.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebAppServer> {
  if (!existsSync(distIndex))
    throw new Error(`${distIndex} is missing: run \`bun run build\` first (\`bun run test\` does)`);
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startAppProcess("server.ts", {
    PORT: String(port),
    PUBLIC_URL: url,
    WEB_APP: "built",
    WORKERS: "on",
    // The e-mail queue's limiter would space a test's few e-mails by half a second each.
    EMAIL_RATE_LIMIT_PER_SECOND: "100",
    SHUTDOWN_TIMEOUT_MS: "2000",
    ...env,
  });
  try {
    await child.waitForLine((line) => line.msg === "API listening", 30_000);
    // Sockets are authorized against the user cache: wait until it follows user changes.
    await child.waitForLine((line) => line.msg === "user cache on", 15_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child, stop: () => child.stop() };
}
