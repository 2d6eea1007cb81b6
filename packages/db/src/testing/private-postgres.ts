import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "bun";

const BIN = "/usr/lib/postgresql/15/bin";

/**
 * A PostgreSQL server of the test's own (fresh data directory, free port), for fault tests that
 * stop and restart it; the shared server on 5432 is never touched. PostgreSQL refuses to run as
 * root, so when the tests run as root it runs as the `postgres` user.
 */
export interface PrivatePostgres {
  url: string;
  start(): void;
  /** `immediate` is a crash: no checkpoint, connections cut. */
  stop(mode?: "fast" | "immediate"): void;
  destroy(): void;
}

export function startPrivatePostgres(port: number): PrivatePostgres {
  const dir = mkdtempSync(join(tmpdir(), "hd-pg-"));
  const asPostgres = (command: string[]) => {
    const argv = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", ...command] : command;
    const result = spawnSync(argv, { stdout: "pipe", stderr: "pipe" });
    if (result.exitCode !== 0) throw new Error(`${command.join(" ")} failed: ${result.stderr.toString()}`);
  };
  spawnSync(["chown", "postgres", dir]);
  const data = join(dir, "data");
  asPostgres([`${BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () =>
      asPostgres([`${BIN}/pg_ctl`, "-D", data, "-o", options, "-w", "-l", join(dir, "log"), "start"]),
    stop: (mode = "fast") => asPostgres([`${BIN}/pg_ctl`, "-D", data, "-m", mode, "-w", "stop"]),
    destroy: () => {
      try {
        handle.stop("immediate");
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
  handle.start();
  return handle;
}
