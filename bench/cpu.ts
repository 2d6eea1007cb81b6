import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system, ms) of the processes a benchmark step involves, read from /proc, so a
 * figure comes with where the machine's two cores went. PostgreSQL and Valkey are found by their
 * command line; a PostgreSQL backend that exits between two readings takes its time with it, so the
 * connection pools must stay open across a step.
 */
export function cpuByRole(pids: Record<string, number | undefined>): Record<string, number> {
  const totals: Record<string, number> = { postgres: 0, valkey: 0 };
  const ticksToMs = 10; // USER_HZ is 100 on Linux
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const command = read(`/proc/${entry}/cmdline`)?.replaceAll("\0", " ") ?? "";
    const role =
      command.startsWith("postgres") || command.includes("/postgres ")
        ? "postgres"
        : /redis-server|valkey-server/.test(command)
          ? "valkey"
          : Object.entries(pids).find(([, pid]) => pid === Number(entry))?.[0];
    if (!role) continue;
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    totals[role] = (totals[role] ?? 0) + (Number(fields[11]) + Number(fields[12])) * ticksToMs;
  }
  return totals;
}

/** CPU ms per role between two readings, divided by `events`: µs of CPU per event. */
export function cpuPerEvent(before: Record<string, number>, after: Record<string, number>, events: number) {
  return Object.fromEntries(
    Object.keys(after).map((role) => [
      role,
      Math.round((((after[role] ?? 0) - (before[role] ?? 0)) * 1000) / events),
    ]),
  );
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
