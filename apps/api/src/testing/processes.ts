import { type Subprocess, spawn } from "bun";

const apiDir = new URL("..", import.meta.url).pathname;

export interface AppProcess {
  process: Subprocess<"ignore", "pipe" | "ignore", "inherit">;
  /** Log lines (parsed JSON) printed so far; none with `readLogs: false`. */
  lines: Record<string, unknown>[];
  waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  stop(): Promise<number>;
}

/**
 * PROFILE_DIR=/some/dir: a process started with these flags writes a CPU profile to
 * PROFILE_DIR/<name> when it exits (a .cpuprofile and a markdown summary), e.g. to see where a
 * benchmark's API or worker process spends its time.
 */
export function profileFlags(name: string): string[] {
  const dir = process.env.PROFILE_DIR;
  return dir ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${dir}/${name}`] : [];
}

/**
 * Runs `server.ts` or `worker.ts` as its own process with the test's database and prefix, reading
 * its JSON log lines, so tests can see what it did (and which port it took with PORT=0).
 * `readLogs: false` sends them to /dev/null instead: a benchmark's API logs a line per request, and
 * parsing (and keeping) every one cost the benchmark's own process CPU on the cores it measures.
 */
export function startAppProcess(
  entry: "server.ts" | "worker.ts",
  env: Record<string, string>,
  options: { readLogs?: boolean } = {},
): AppProcess {
  const readLogs = options.readLogs ?? true;
  const child = spawn(["bun", ...profileFlags(entry), `${apiDir}${entry}`], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdout: readLogs ? "pipe" : "ignore",
    stderr: "inherit",
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    if (!child.stdout) return;
    let buffer = "";
    for await (const chunk of child.stdout) {
      buffer += new TextDecoder().decode(chunk);
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          lines.push(JSON.parse(text));
        } catch {}
        for (const wake of waiters) wake();
        newline = buffer.indexOf("\n");
      }
    }
  })();
  return {
    process: child,
    lines,
    waitForLine(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find(match);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${entry} did not log the expected line within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async stop() {
      child.kill("SIGTERM");
      return child.exited;
    },
  };
}
